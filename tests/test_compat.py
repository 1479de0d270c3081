"""Each stack fix, with a check that the breakage is real without it."""
import io
import os
import os.path as osp
import pickle
import pickletools
import subprocess
import sys

import numpy as np
import pytest
import torch
from conftest import ROOT

import mmmotion  # noqa: F401
from mmmotion.utils import compat


def _mmaction_root():
    import importlib.util
    spec = importlib.util.find_spec('mmaction')
    return list(spec.submodule_search_locations)[0]


def _python(code):
    return subprocess.run([sys.executable, '-c', code],
                          capture_output=True,
                          text=True,
                          cwd=ROOT,
                          timeout=300)


@pytest.mark.skipif(
    osp.isdir(osp.join(_mmaction_root(), 'models', 'localizers', 'drn')),
    reason='this mmaction2 install has the drn folder: nothing to fix')
def test_drn_placeholder():
    broken = _python('import mmaction.models')
    assert broken.returncode != 0
    assert "No module named 'mmaction.models.localizers.drn'" in broken.stderr
    fixed = _python('import mmmotion, mmaction.models; '
                    'from mmaction.registry import MODELS; '
                    'print(MODELS.get("Recognizer3D").__name__)')
    assert fixed.returncode == 0, fixed.stderr[-2000:]
    assert 'Recognizer3D' in fixed.stdout


def test_importlib_metadata_is_required(monkeypatch):
    monkeypatch.setitem(sys.modules, 'importlib_metadata', None)
    with pytest.raises(ImportError, match='importlib_metadata'):
        compat.check_requirements()


def test_pkg_resources_is_required_for_mmaction_configs(monkeypatch, tmp_path):
    from mmengine.config import Config
    cfg_file = tmp_path / 'c.py'
    cfg_file.write_text("_base_ = ['mmaction::_base_/default_runtime.py']\n")
    # with setuptools<81 installed, mmaction:: bases resolve
    assert Config.fromfile(str(cfg_file)).default_scope == 'mmaction'
    # without pkg_resources they do not, and mmmotion says why
    monkeypatch.setitem(sys.modules, 'pkg_resources', None)
    with pytest.raises(ImportError, match='setuptools<81'):
        compat.check_requirements()
    with pytest.raises(Exception):
        Config.fromfile(str(cfg_file))


def _mmengine_like_checkpoint():
    from mmengine.logging import HistoryBuffer, MessageHub
    hub = MessageHub.get_instance('compat_test')
    hub.update_scalar('train/loss', np.float64(1.5))
    hub.update_scalar('train/loss', 0.5)
    hub.update_info('arr', np.arange(3))
    assert isinstance(hub.log_scalars['train/loss'], HistoryBuffer)
    return dict(
        meta=dict(epoch=1, seed=0),
        state_dict={'w': torch.ones(2)},
        message_hub=hub.state_dict())


def test_history_buffer_pickles_without_getattr():
    data = pickle.dumps(_mmengine_like_checkpoint(), protocol=2)
    ops = io.StringIO()
    pickletools.dis(data, out=ops)
    assert 'getattr' not in ops.getvalue()


def test_run_checkpoint_loads_weights_only(tmp_path):
    from mmengine.runner.checkpoint import CheckpointLoader
    path = str(tmp_path / 'epoch_1.pth')
    torch.save(_mmengine_like_checkpoint(), path)
    # the breakage: torch>=2.6 refuses mmengine's checkpoints by default
    with pytest.raises(pickle.UnpicklingError):
        torch.load(path)
    ckpt = CheckpointLoader.load_checkpoint(path, map_location='cpu')
    assert torch.equal(ckpt['state_dict']['w'], torch.ones(2))
    hub = ckpt['message_hub']['log_scalars']['train/loss']
    assert hub.mean() == pytest.approx(1.0)


class _Evil:

    def __reduce__(self):
        return (os.system, (f'touch {self.marker}', ))


def test_code_executing_checkpoint_is_refused(tmp_path):
    from mmengine.runner.checkpoint import CheckpointLoader, load_checkpoint
    evil = _Evil()
    evil.marker = str(tmp_path / 'pwned')
    path = str(tmp_path / 'evil.pth')
    torch.save({'state_dict': {'w': torch.ones(1)}, 'x': evil}, path)
    with pytest.raises(RuntimeError, match='evil.pth'):
        CheckpointLoader.load_checkpoint(path)
    # the path that init_cfg=dict(type='Pretrained') takes
    with pytest.raises(RuntimeError, match='Refused'):
        load_checkpoint(torch.nn.Linear(1, 1), path)
    assert not osp.exists(evil.marker)
