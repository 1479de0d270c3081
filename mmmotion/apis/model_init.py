"""Build a model from its config and load its weights, for inference."""
import copy
from pathlib import Path
from typing import Optional, Union

import torch
import torch.nn as nn
from mmengine.config import Config
from mmengine.registry import DefaultScope
from mmengine.runner.checkpoint import load_checkpoint

from mmmotion.registry import MODELS
from mmmotion.utils.checkpoint_keys import check_pretrained


def _drop_pretrained(cfg) -> None:
    """Remove every ``init_cfg=dict(type='Pretrained', ...)`` (and
    MMAction2's ``pretrained``) in a model config, in place: the checkpoint
    given to :func:`init_model` holds all the weights, and a fine-tuning
    config's pointer at its pretraining checkpoint need not exist here."""
    if isinstance(cfg, dict):
        init = cfg.get('init_cfg')
        if isinstance(init, dict) and init.get('type') == 'Pretrained':
            cfg['init_cfg'] = None
        if isinstance(cfg.get('pretrained'), str):
            cfg['pretrained'] = None
        for v in cfg.values():
            _drop_pretrained(v)
    elif isinstance(cfg, (list, tuple)):
        for v in cfg:
            _drop_pretrained(v)


def init_model(config: Union[str, Path, Config],
               checkpoint: Optional[str] = None,
               device: Union[str, torch.device] = 'cpu',
               cfg_options: Optional[dict] = None) -> nn.Module:
    """Build any mmmotion (or MMAction2) model of a config, in eval mode.

    As MMAction2's ``init_recognizer``, with the project's checks: the
    checkpoint is loaded weights-only (no pickled code runs; the loader of
    :mod:`mmmotion.utils.compat`), and one whose keys or shapes do not match
    the model is refused with a ``ValueError`` that names the file and the
    keys, where MMEngine would only warn and leave those weights random.

    Args:
        config (str | Path | Config): The config file or object.
        checkpoint (str, optional): A checkpoint of this model (an
            ``epoch_N.pth`` of ``tools/train.py``, or weights saved as
            ``{'state_dict': ...}``). None: the config's initialisation,
            without any ``Pretrained`` init_cfg. Defaults to None.
        device (str | torch.device): Defaults to ``'cpu'``.
        cfg_options (dict, optional): Overrides merged into the config
            (``Config.merge_from_dict``). Defaults to None.

    Returns:
        nn.Module: The model, on ``device``, in eval mode, with the config
        as ``model.cfg``.
    """
    if isinstance(config, (str, Path)):
        config = Config.fromfile(str(config))
    elif not isinstance(config, Config):
        raise TypeError('config must be a file name or a Config, got '
                        f'{type(config).__name__}')
    else:
        config = copy.deepcopy(config)
    if cfg_options:
        config.merge_from_dict(cfg_options)
    import mmmotion  # noqa: F401 (registers the modules)
    model_cfg = config.model.to_dict() if hasattr(
        config.model, 'to_dict') else copy.deepcopy(dict(config.model))
    _drop_pretrained(model_cfg)
    with DefaultScope.overwrite_default_scope('mmmotion'):
        model = MODELS.build(model_cfg)
    model.init_weights()
    if checkpoint is not None:
        check_pretrained(model, checkpoint)  # ValueError naming the keys
        load_checkpoint(model, checkpoint, map_location='cpu', strict=True)
    model.cfg = config
    return model.to(device).eval()
