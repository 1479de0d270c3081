"""Every shipped config parses and builds its model and datasets."""
import glob
import os.path as osp

import pytest
from conftest import ROOT
from mmengine.config import Config
from mmengine.registry import DefaultScope

import mmmotion  # noqa: F401

CONFIGS = sorted(
    glob.glob(osp.join(ROOT, 'configs', '**', '*.py'), recursive=True))
RUNNABLE = [c for c in CONFIGS if '_base_' not in c]


def _stand_in_codebooks(node, tmp_path):
    """Point codebook files a config names but CI lacks (they are fitted
    from the data by tools/data/fit_codebook.py) at random ones of the
    size the config asks for."""
    import numpy as np

    from mmmotion.models.layers import save_codebook
    if isinstance(node, dict):
        for key in ('file', 'init_file'):
            f = node.get(key)
            if isinstance(f, str) and f.endswith('.npz') and \
                    not osp.exists(f):
                k = node.get('num_codewords') or 8
                dim = 2 if '_2d' in osp.basename(f) else 3
                stand_in = str(tmp_path / osp.basename(f))
                save_codebook(stand_in, np.random.rand(k, dim),
                              np.full(k, 1 / k))
                node[key] = stand_in
        for v in node.values():
            _stand_in_codebooks(v, tmp_path)
    elif isinstance(node, list):
        for v in node:
            _stand_in_codebooks(v, tmp_path)


@pytest.mark.parametrize('path', RUNNABLE, ids=osp.basename)
def test_config_builds_model(path, tmp_path):
    import torch
    cfg = Config.fromfile(path)
    _stand_in_codebooks(cfg.model, tmp_path)
    from mmmotion.registry import MODELS

    # on the meta device: paper-scale models allocate nothing; models whose
    # construction reads tensor values (codebooks, loss weights) are small
    # and build on the CPU
    with DefaultScope.overwrite_default_scope(cfg.default_scope):
        try:
            with torch.device('meta'):
                model = MODELS.build(cfg.model)
        except RuntimeError as e:
            if 'meta' not in str(e):
                raise
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
            # a ConcatDataset's parts, or the dataset itself
            for ds in loader.dataset.get('datasets', [loader.dataset]):
                assert DATASETS.get(ds.type) is not None
                for t in ds.pipeline:
                    assert TRANSFORMS.get(t['type']) is not None, t['type']


def test_model_index_points_at_real_files():
    import yaml
    index = yaml.safe_load(open(osp.join(ROOT, 'model-index.yml')))
    metafiles = sorted(
        glob.glob(osp.join(ROOT, 'configs', '*', 'metafile.yml')))
    assert sorted(osp.join(ROOT, p) for p in index['Import']) == metafiles
    for meta in metafiles:
        for model in yaml.safe_load(open(meta))['Models']:
            assert osp.isfile(osp.join(ROOT, model['Config'])), model['Name']
            log = model.get('Training Log')
            if log:
                assert osp.isfile(osp.join(ROOT, log)), log
