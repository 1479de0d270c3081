"""mmmotion: self-supervised motion-representation learning on MMAction2."""
from .utils.compat import apply as _apply_compat_fixes

_apply_compat_fixes()

# MMAction2's modules must be registered too: a child registry looks names up
# in its parents, but only imports its own locations.
from mmaction.utils import register_all_modules as _register_mmaction  # noqa

_register_mmaction(init_default_scope=False)

# Importing the package registers its modules, so that
# ``custom_imports=dict(imports=['mmmotion'])`` is all an MMAction2 config
# needs.
from . import datasets, engine, evaluation, models, visualization  # noqa
from .utils import register_all_modules  # noqa: E402
from .version import __version__  # noqa: E402

__all__ = ['__version__', 'register_all_modules']
