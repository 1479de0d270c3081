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
    cfg = Config.fromfile(path)
    from mmmotion.registry import MODELS
    with DefaultScope.overwrite_default_scope(cfg.default_scope):
        model = MODELS.build(cfg.model)
    assert sum(p.numel() for p in model.parameters()) > 0
