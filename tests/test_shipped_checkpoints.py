"""Every shipped checkpoint loads through init_model and reproduces its
recorded pretext metric on clips shipped in tests/data."""
import json
import os.path as osp

import pytest
import yaml
from mmengine.config import Config
from mmengine.registry import DefaultScope
from mmengine.runner import Runner

from mmmotion.apis import init_model
from mmmotion.utils.file_hash import sha256

with open('checkpoints/checkpoints.yml') as f:
    SHIPPED = yaml.safe_load(f)['checkpoints']


@pytest.mark.parametrize(
    'entry', SHIPPED, ids=lambda e: osp.basename(e['file']))
def test_shipped_checkpoint_reproduces_its_metric(entry, tmp_path, request):
    assert sha256(entry['file']) == entry['sha256']
    assert entry['file'].endswith(f'_{entry["sha256"][:8]}.pth')
    check = entry['check']
    # the check config where the model needs shipped files (a codebook)
    model = init_model(
        check['config'] if entry.get('codebook') else entry['config'],
        entry['file'])  # the key check
    assert not model.training
    with open(osp.join(check['log'], 'test_metrics.json')) as f:
        recorded = json.load(f)[check['metric']]
    cfg = Config.fromfile(check['config'])
    options = check.get('cfg_options') or {}
    if any('MSR_MINI' in str(v) for v in options.values()):
        mini = request.getfixturevalue('msr_mini')
        options = {k: v.replace('MSR_MINI', mini) for k, v in options.items()}
    cfg.merge_from_dict(options)
    cfg.work_dir = str(tmp_path)
    cfg.load_from = entry['file']
    cfg.default_hooks = dict(cfg.default_hooks, checkpoint=None)
    with DefaultScope.overwrite_default_scope('mmmotion'):
        metrics = Runner.from_cfg(cfg).test()
    assert abs(metrics[check['metric']] - recorded) <= check['tolerance']


def test_every_shipped_file_is_listed():
    import glob
    listed = {e['file'] for e in SHIPPED}
    assert set(glob.glob('checkpoints/*.pth')) == listed
    codebooks = {e['codebook'] for e in SHIPPED if e.get('codebook')}
    assert set(glob.glob('checkpoints/*.npz')) == codebooks
    for e in SHIPPED:
        if e.get('codebook'):
            cfg = Config.fromfile(e['check']['config'])
            assert cfg.model.head.codebook.file == e['codebook']


def test_every_shipped_file_is_a_metafile_weights_field():
    """Each shipped file is the ``Weights:`` of exactly one metafile model,
    fine-tunings recorded under a run name of their own included."""
    import glob
    weights = []
    for path in glob.glob('configs/*/metafile.yml'):
        with open(path) as f:
            for m in yaml.safe_load(f)['Models']:
                if m.get('Weights'):
                    weights.append(m['Weights'])
    assert sorted(weights) == sorted(e['file'] for e in SHIPPED)


def test_publish_half_stores_float16_and_loads_into_float32(tmp_path):
    import sys

    import torch
    sys.path.insert(0, 'tools/model_converters')
    from publish_model import publish
    model = torch.nn.Sequential(
        torch.nn.Conv2d(2, 3, 3), torch.nn.BatchNorm2d(3))
    src = str(tmp_path / 'epoch_1.pth')
    torch.save({'state_dict': model.state_dict(), 'optimizer': {}}, src)
    path, digest = publish(src, str(tmp_path / 'm.pth'), half=True)
    assert path.endswith(f'_{digest[:8]}.pth') and sha256(path) == digest
    state = torch.load(path, weights_only=True)['state_dict']
    assert state['0.weight'].dtype == torch.float16
    assert state['1.num_batches_tracked'].dtype == torch.int64
    again = torch.nn.Sequential(
        torch.nn.Conv2d(2, 3, 3), torch.nn.BatchNorm2d(3))
    again.load_state_dict(state)
    assert again[0].weight.dtype == torch.float32
    torch.testing.assert_close(
        again[0].weight, model[0].weight, atol=1e-3, rtol=1e-3)
