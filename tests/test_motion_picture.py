"""tools/analysis/motion_picture.py: one picture of a model's motion beside
DIS's, with the warp errors it prints."""
import importlib.util
import os.path as osp

import cv2
import torch
from conftest import ROOT, TINY_CONFIG, data_options
from mmengine.config import Config
from test_loss_at_motion import C2F

# the tiny depth model of the loss_at_motion test, with the pairwise decoder
C2F_PAIRWISE = dict(
    C2F,
    decoder=dict(
        type='PairwiseFlowHead',
        in_channels=128,
        frame_channels=1,
        pyramid_channels=(4, 8, 8, 8),
        reduce_channels=8,
        estimator_channels=None,
        lucas_kanade=dict(damping=1e-3)))


def _tool():
    path = osp.join(ROOT, 'tools', 'analysis', 'motion_picture.py')
    spec = importlib.util.spec_from_file_location('motion_picture', path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_picture_of_the_pairwise_model_beside_dis(msr_mini, tmp_path, capsys):
    tool = _tool()
    cfg = Config.fromfile(TINY_CONFIG)
    cfg.merge_from_dict(dict(o.split('=', 1) for o in data_options(msr_mini)))
    cfg.model = C2F_PAIRWISE
    cfg_path = str(tmp_path / 'tiny_c2f_pairwise.py')
    cfg.dump(cfg_path)
    model = tool.build_model(cfg, None)
    ckpt = str(tmp_path / 'init.pth')
    torch.save(dict(state_dict=model.state_dict()), ckpt)
    out = str(tmp_path / 'pic' / 'motion.png')
    r = tool.main([
        cfg_path, ckpt, '--out', out, '--split', 'val', '--index', '1',
        '--pairs', '2'
    ])
    printed = capsys.readouterr().out
    image = cv2.imread(out)
    clip = tool.read_sample(cfg, model, 'val', 1)
    h, w = clip.shape[-2:]
    # two blocks (ours, DIS) of 2 pair columns, 4 rows and a title row
    assert image.shape == (4 * h + 14, 2 * 2 * w + 6, 3)
    assert f'wrote {out}' in printed and printed.count('pair ') == 2
    for name in ('zero', 'ours', 'dis'):
        assert len(r['errors'][name]) == 2
    # DIS moves the frames of a real depth clip better than zero motion
    assert sum(r['errors']['dis']) < sum(r['errors']['zero'])
