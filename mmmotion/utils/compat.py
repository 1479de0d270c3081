"""Fixes for the installed OpenMMLab stack, applied once on ``import
mmmotion``.

Each fix answers one breakage measured on torch 2.13 / mmengine 0.10.7 /
mmcv-lite 2.1.0 / mmaction2 1.2.0 (see the project README, "Stack fixes"):

1. ``fix_missing_drn``: the mmaction2 1.2.0 wheel lacks
   ``mmaction/models/localizers/drn/`` although ``localizers/__init__.py``
   imports it, so ``import mmaction.models`` fails. A placeholder package is
   put in
   ``sys.modules`` only when that folder is really missing on disk.
2. ``importlib_metadata`` (imported by mmaction2, not declared by it) and
3. ``setuptools<81`` (mmengine's ``mmaction::`` config inheritance needs
   ``pkg_resources``) are requirements in ``requirements/runtime.txt``;
   ``check_requirements`` turns their absence into a clear error.
4. ``fix_checkpoint_loading``: torch >= 2.6 loads with ``weights_only=True``.
   mmmotion never turns that off. Instead (a) every local checkpoint is loaded
   weights-only with an allow-list of the data-only globals an mmengine
   checkpoint
   holds (numpy arrays, dtypes and scalars, mmengine's ``HistoryBuffer``), and
   (b) ``HistoryBuffer`` is pickled without its table of statistics functions,
   the
   only reason an mmengine checkpoint carries ``builtins.getattr`` (which
   stays off
   the allow-list: it would let a file call any attribute). A file that carries
   any other global (a code-executing pickle, say) is refused with an error
   that
   names it.
6. mmcv-lite's import-time warning about ``MultiScaleDeformableAttention``
   (a compiled op no recognizer here needs) is silenced.
5. Distributed training without CUDA lives in :mod:`mmmotion.utils.dist` (it
   needs the config, so the tools call it).
"""
import importlib
import importlib.util
import os.path as osp
import sys
import types
import warnings

_APPLIED = False


def fix_missing_drn() -> bool:
    """Put a placeholder ``mmaction.models.localizers.drn`` in ``sys.modules``.

    Returns:
        bool: True if the placeholder was installed (the folder is missing).
    """
    spec = importlib.util.find_spec('mmaction')
    if spec is None or not spec.submodule_search_locations:
        return False
    root = list(spec.submodule_search_locations)[0]
    drn_dir = osp.join(root, 'models', 'localizers', 'drn')
    # Test the folder on disk: find_spec on the submodule would import the
    # broken parent package.
    if osp.isdir(drn_dir) or 'mmaction.models.localizers.drn' in sys.modules:
        return False

    class DRN:  # noqa: D401 - placeholder
        """Placeholder: DRN is missing from the installed mmaction2 wheel."""

        def __init__(self, *args, **kwargs):
            raise ImportError(
                'DRN is not available: the installed mmaction2 wheel lacks '
                'mmaction/models/localizers/drn/.')

    pkg = types.ModuleType('mmaction.models.localizers.drn')
    pkg.__path__ = []  # a package, so that `.drn.drn` resolves
    mod = types.ModuleType('mmaction.models.localizers.drn.drn')
    mod.DRN = DRN
    pkg.drn = mod
    sys.modules['mmaction.models.localizers.drn'] = pkg
    sys.modules['mmaction.models.localizers.drn.drn'] = mod
    return True


def check_requirements() -> None:
    """Raise a clear error for the undeclared requirements of the stack."""
    try:
        importlib.import_module('importlib_metadata')
    except ImportError as e:  # pragma: no cover - install problem
        raise ImportError(
            'mmaction2 imports `importlib_metadata` without declaring it: '
            '`pip install importlib_metadata` (see requirements/runtime.txt)'
        ) from e
    # find_spec, not import: importing pkg_resources warns on every start
    if importlib.util.find_spec('pkg_resources') is None:
        raise ImportError(
            'mmengine needs `pkg_resources` for `mmaction::` configs, which '
            'setuptools>=81 no longer ships: `pip install "setuptools<81"`')


def checkpoint_safe_globals() -> list:
    """The data-only globals an mmengine checkpoint may hold."""
    import numpy as np
    from mmengine.logging import HistoryBuffer
    multiarray = getattr(np, '_core', None)
    multiarray = (
        multiarray.multiarray
        if multiarray is not None else np.core.multiarray)
    allowed = [
        multiarray._reconstruct, multiarray.scalar, np.ndarray, np.dtype,
        HistoryBuffer
    ]
    # numpy 2 pickles dtypes through their classes (numpy.dtypes.Float64DType)
    dtypes = getattr(np, 'dtypes', None)
    if dtypes is not None:
        allowed += [
            getattr(dtypes, n) for n in dir(dtypes) if n.endswith('DType')
        ]
    return allowed


def load_checkpoint_weights_only(filename: str, map_location=None):
    """Load a local checkpoint weights-only, with mmengine's data allow-listed.

    Raises:
        FileNotFoundError: the file does not exist.
        RuntimeError: the file holds something other than tensors and plain
            data (for example a pickle that would run code); the message names
            the file and the refused global.
    """
    import pickle

    import torch
    filename = osp.expanduser(filename)
    if not osp.isfile(filename):
        raise FileNotFoundError(f'{filename} can not be found.')
    try:
        with torch.serialization.safe_globals(checkpoint_safe_globals()):
            return torch.load(
                filename, map_location=map_location, weights_only=True)
    except pickle.UnpicklingError as e:
        raise RuntimeError(
            f'Refused to load checkpoint {filename}: it holds objects that a '
            f'weights-only load does not allow ({str(e).splitlines()[0]}). '
            'mmmotion never unpickles arbitrary objects; if this is an old '
            'mmengine checkpoint of your own, extract its weights with '
            'tools/model_converters/extract_backbone_weights.py in a trusted '
            'environment.') from e


def fix_checkpoint_loading() -> None:
    """Route mmengine's local checkpoint loading through the safe loader."""
    from mmengine.logging import HistoryBuffer
    from mmengine.runner.checkpoint import CheckpointLoader

    def __getstate__(self) -> dict:
        # The statistics table holds class functions, which pickle as
        # ``getattr(HistoryBuffer, name)``; they are re-registered on load
        # (``__setstate__`` calls ``_set_default_statistics``).
        state = dict(self.__dict__)
        state.pop('statistics_methods', None)
        return state

    HistoryBuffer.__getstate__ = __getstate__
    CheckpointLoader.register_scheme(
        prefixes='', force=True)(
            load_checkpoint_weights_only)


def apply() -> None:
    """Apply every fix once."""
    global _APPLIED
    if _APPLIED:
        return
    # 6. mmcv-lite has no compiled ops; its warning about one is noise here.
    warnings.filterwarnings(
        'ignore', message='Fail to import ``MultiScaleDeformableAttention``')
    fix_missing_drn()
    check_requirements()
    fix_checkpoint_loading()
    _APPLIED = True
