"""Every shipped config parses and builds its model and datasets."""
import glob
import os.path as osp

import pytest
from mmengine.config import Config
from mmengine.registry import DefaultScope

import mmmotion  # noqa: F401
from conftest import ROOT

CONFIGS = sorted(
    glob.glob(osp.join(ROOT, 'configs', '**', '*.py'), recursive=True))
RUNNABLE = [c for c in CONFIGS if '_base_' not in c]


@pytest.mark.parametrize('path', RUNNABLE, ids=osp.basename)
def test_config_builds_model(path):
    import torch
    cfg = Config.fromfile(path)
    from mmmotion.registry import MODELS
    # on the meta device: paper-scale models allocate nothing
    with DefaultScope.overwrite_default_scope(cfg.default_scope), \
            torch.device('meta'):
        model = MODELS.build(cfg.model)
    assert sum(p.numel() for p in model.parameters()) > 0
    # every dataset type and transform of the config is registered
    from mmmotion.registry import DATASETS, TRANSFORMS
    with DefaultScope.overwrite_default_scope(cfg.default_scope):
        for split in ('train', 'val', 'test'):
            loader = cfg.get(f'{split}_dataloader')
            if not loader:
                continue
            assert DATASETS.get(loader.dataset.type) is not None
            for t in loader.dataset.pipeline:
                assert TRANSFORMS.get(t['type']) is not None, t['type']
