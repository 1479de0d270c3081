import datetime
import warnings

from mmengine import DefaultScope


def register_all_modules(init_default_scope: bool = True) -> None:
    """Register all modules of mmmotion and MMAction2 into the registries.

    Args:
        init_default_scope (bool): Whether to set the default scope to
            ``mmmotion``, so that registries build from mmmotion's node first
            (and MMAction2's / mmengine's through the parents). Defaults to
            True.
    """
    from mmaction.utils import register_all_modules as _mmaction_register
    _mmaction_register(init_default_scope=False)
    import mmmotion.datasets  # noqa: F401
    import mmmotion.engine  # noqa: F401
    import mmmotion.evaluation  # noqa: F401
    import mmmotion.models  # noqa: F401
    import mmmotion.visualization  # noqa: F401

    if not init_default_scope:
        return
    current = DefaultScope.get_current_instance()
    if current is None or not DefaultScope.check_instance_created('mmmotion'):
        DefaultScope.get_instance('mmmotion', scope_name='mmmotion')
        return
    if current.scope_name != 'mmmotion':
        warnings.warn(f'The current default scope "{current.scope_name}" is '
                      'not "mmmotion"; `register_all_modules` sets it to '
                      '"mmmotion".')
        DefaultScope.get_instance(
            f'mmmotion-{datetime.datetime.now()}', scope_name='mmmotion')
