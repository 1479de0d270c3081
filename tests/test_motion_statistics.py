"""tools/analysis/motion_statistics.py: the motion budget of a protocol."""
import importlib.util
import json
import math
import os.path as osp

import cv2
import numpy as np
import torch
from conftest import ROOT, TEST_DATA, TINY_CONFIG, data_options


def _tool():
    path = osp.join(ROOT, 'tools', 'analysis', 'motion_statistics.py')
    spec = importlib.util.spec_from_file_location('motion_statistics', path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _real_frame():
    cap = cv2.VideoCapture(osp.join(TEST_DATA, 'unlabeled_rgb', 'milk.mkv'))
    ok, frame = cap.read()
    cap.release()
    assert ok
    return cv2.resize(frame, (160, 120), interpolation=cv2.INTER_AREA)


def test_tool_on_tiny_msr_config(msr_mini, tmp_path, capsys):
    ms = _tool()
    out = tmp_path / 'budget.txt'
    s = ms.main([
        TINY_CONFIG, '--split', 'val', '--num-clips', '2', '--out',
        str(out), '--cfg-options', *data_options(msr_mini)
    ])
    printed = capsys.readouterr().out
    assert s['samples'] == 2 and s['clips'] == 2
    assert s['pairs'] == 2 * 3  # clip_len 4: 3 pairs a clip
    assert s['resolution'] == '32 x 32'
    assert s['frame_interval'].startswith('uniform')
    for k in ms.PAIR_KEYS + ('headroom_l1', 'headroom_ratio'):
        assert math.isfinite(s[k]), k
    assert 0 <= s['dis_frac_above_1px'] <= 1
    assert 0 <= s['zero_l1'] <= 1 and 0 <= s['dis_l1'] <= 1
    assert -1 <= s['zero_ssim'] <= 1 and -1 <= s['dis_ssim'] <= 1
    assert s['dis_mag_p90'] >= 0 and s['dis_mag_mean'] >= 0
    assert s['dis_l1'] <= s['zero_l1'] + 1e-3
    # the printed and written table and the JSON agree
    assert '| tiny_r3d_msr | val | 2 | 2 | 6 | 32 x 32 |' in printed
    assert s['verdict'] in printed
    assert ms.format_table(s) in out.read_text()
    saved = json.loads((tmp_path / 'budget.json').read_text())
    assert saved['pairs'] == 6
    assert saved['dis_l1'] == s['dis_l1']


def test_pair_statistics_of_a_3px_shift():
    ms = _tool()
    big = cv2.cvtColor(_real_frame(), cv2.COLOR_BGR2RGB)
    h, w = 96, 128
    y0, x0 = 12, 16
    prev = big[y0:y0 + h, x0:x0 + w]
    nxt = big[y0:y0 + h, x0 - 3:x0 - 3 + w]  # next(x + 3) = prev(x)
    clip = np.stack([prev, nxt])  # (T, H, W, C) uint8
    packed = torch.from_numpy(clip).permute(3, 0, 1, 2)[None]  # NCTHW
    pairs = ms.clip_statistics(packed)
    assert len(pairs) == 1
    p = pairs[0]
    assert abs(p['dis_mag_mean'] - 3) < 0.5
    assert p['dis_frac_above_1px'] > 0.9
    assert p['dis_l1'] < p['zero_l1']
    s = ms.summarise(pairs)
    assert s['headroom_l1'] > 0 and 0 < s['headroom_ratio'] <= 1
    assert ms.verdict(s) == ms.ABOVE_PIXEL
    assert ms.verdict(dict(s, dis_mag_mean=0.4)) == ms.SUB_PIXEL


def test_frames_scaled_to_unit_range():
    ms = _tool()
    rgb = torch.full((1, 3, 2, 4, 4), 255, dtype=torch.uint8)
    assert ms.to_unit(rgb).max() == 1
    depth = torch.rand(2, 1, 3, 4, 4)  # after DepthNormalize
    assert torch.equal(ms.to_unit(depth), depth)
    assert ms.to_unit(depth[0]).shape == (1, 1, 3, 4, 4)
    assert ms.sample_indices(10, 3) == [0, 4, 9]
    assert ms.sample_indices(2, 50) == [0, 1]
    assert ms.frame_interval([
        dict(type='DepthInit'),
        dict(type='SampleFrames', clip_len=8, frame_interval=2)
    ]) == '2'


def test_content_magnitude_ignores_empty_pixels():
    ms = _tool()
    torch.manual_seed(0)
    prev = torch.zeros(1, 32, 32)
    prev[:, 8:24, 8:24] = torch.rand(16, 16) * 0.8 + 0.2
    nxt = torch.roll(prev, 2, dims=2)
    s = ms.pair_statistics(prev, nxt)
    # the textured square and its shifted copy cover under half the frame
    assert 0 < s['dis_mag_mean'] < s['dis_mag_content']
    full = ms.pair_statistics(prev + 0.1, nxt + 0.1)
    assert abs(full['dis_mag_content'] - full['dis_mag_mean']) < 1e-6
