"""tools/analysis/loss_at_motion.py: the training loss at zero motion, DIS,
Farneback and the model, on the same clips."""
import importlib.util
import json
import math
import os.path as osp

import cv2
import torch
from conftest import ROOT, TEST_DATA, TINY_CONFIG, data_options
from mmengine.config import Config

C2F = dict(
    type='CoarseToFineMotion',
    backbone=dict(
        type='ResNeXt3D',
        depth=18,
        in_channels=1,
        stem_channels=8,
        base_width=8,
        cardinality=4,
        conv1_kernel=(1, 3, 3),
        pool1_stride=(1, 2, 2),
        stage_strides=((1, 1, 1), (1, 2, 2), (1, 2, 2), (1, 2, 2))),
    decoder=dict(type='MotionDecoderHead', in_channels=128, mid_channels=8),
    in_channels=1,
    context_channels=4,
    data_preprocessor=dict(
        type='ActionDataPreprocessor', format_shape='NCTHW'))


def _tool():
    path = osp.join(ROOT, 'tools', 'analysis', 'loss_at_motion.py')
    spec = importlib.util.spec_from_file_location('loss_at_motion', path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _config(tmp_path, data_root):
    cfg = Config.fromfile(TINY_CONFIG)
    cfg.merge_from_dict(dict(o.split('=', 1) for o in data_options(data_root)))
    cfg.model = C2F
    path = str(tmp_path / 'tiny_c2f.py')
    cfg.dump(path)
    return path


def test_dis_beats_zero_on_a_real_frame_moving_2px():
    tool = _tool()
    cfg = Config(dict(model=C2F))
    model = tool.build_model(cfg, None)
    cap = cv2.VideoCapture(osp.join(TEST_DATA, 'unlabeled_rgb', 'milk.mkv'))
    ok, frame = cap.read()
    cap.release()
    assert ok
    g = cv2.cvtColor(cv2.resize(frame, (80, 64)), cv2.COLOR_BGR2GRAY)
    g = torch.from_numpy(g).float() / 255
    clip = torch.stack([torch.roll(g, -2 * k, dims=1) for k in range(4)])
    clip = clip[None, None, :, :, 8:-8]  # (1, 1, 4, 64, 64)
    losses = tool.clip_losses(model, clip)
    assert set(losses) == set(tool.FLOWS)
    for f in tool.FLOWS:
        assert set(
            losses[f]) == {'loss_photo', 'loss_ssim', 'loss_smooth', 'total'}
        assert math.isclose(
            losses[f]['total'],
            sum(v for k, v in losses[f].items() if k != 'total'),
            rel_tol=1e-6)
    assert losses['zero']['loss_smooth'] == 0
    assert losses['dis']['total'] < 0.5 * losses['zero']['total']
    # the initialisation predicts zero motion
    assert math.isclose(
        losses['model']['total'], losses['zero']['total'], rel_tol=1e-5)
    v = tool.verdict(losses)
    assert 'can teach motion' in v and 'captures 0%' in v
    # a loss that cannot tell DIS from zero motion is called out
    flat = {f: dict(total=1.0) for f in tool.FLOWS}
    assert 'cannot teach motion' in tool.verdict(flat)


def test_tool_on_a_tiny_msr_config(msr_mini, tmp_path, capsys):
    tool = _tool()
    out = tmp_path / 'loss.txt'
    r = tool.main([
        _config(tmp_path, msr_mini), '--split', 'val', '--num-clips', '2',
        '--out',
        str(out)
    ])
    printed = capsys.readouterr().out
    assert r['samples'] == 2 and r['clips'] == 2
    for f in tool.FLOWS:
        assert math.isfinite(r['losses'][f]['total'])
    assert r['verdict'] in printed and r['verdict'] in out.read_text()
    assert tool.format_table(r['losses']) in printed
    saved = json.loads((tmp_path / 'loss.json').read_text())
    assert saved['losses']['dis'] == r['losses']['dis']
