"""tools/analysis/loss_at_filters.py: DynamoNet's loss and PSNR at the
identity (copy-last), at the oracle filters and at the model's filters."""
import importlib.util
import os.path as osp

import cv2
import torch
from conftest import ROOT, TEST_DATA
from mmengine.config import Config

T = 3
DYNAMO = dict(
    type='DynamoNet',
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
    fp_head=dict(
        type='FramePredictionHead',
        in_channels=128,
        num_frames=T,
        filter_size=5,
        mid_channels=8),
    self_supervised=True,
    data_preprocessor=dict(
        type='ActionDataPreprocessor', format_shape='NCTHW'))


def _tool():
    path = osp.join(ROOT, 'tools', 'analysis', 'loss_at_filters.py')
    spec = importlib.util.spec_from_file_location('loss_at_filters', path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_oracle_beats_the_identity_on_a_real_frame_moving_1px():
    tool = _tool()
    model = tool.build_model(Config(dict(model=DYNAMO)), None)
    cap = cv2.VideoCapture(osp.join(TEST_DATA, 'unlabeled_rgb', 'milk.mkv'))
    ok, frame = cap.read()
    cap.release()
    assert ok
    g = cv2.cvtColor(cv2.resize(frame, (48, 32)), cv2.COLOR_BGR2GRAY)
    g = torch.from_numpy(g).float() / 255
    # the scene moves 1 px right a frame: a filter tap can follow it
    clip = torch.stack([torch.roll(g, k, dims=1) for k in range(T + 1)])
    clip = clip[None, None, :, :, 4:-4]  # (1, 1, T + 1, 32, 40)
    s = tool.clip_scores(
        model, clip, ('global', 'local'), steps=80, fits=('mse', 'loss'))
    assert set(s) == {
        'identity', 'model', 'oracle global', 'oracle local',
        'oracle global (loss-fitted)', 'oracle local (loss-fitted)'
    }
    for name in [k for k in s if k.startswith('oracle')]:
        assert s[name]['loss_fp'] < 0.5 * s['identity']['loss_fp']
        for part in ('seen', 'future'):
            assert s[name][f'psnr_{part}'] > \
                s['identity'][f'psnr_{part}'] + 3
    text = tool.verdict(s)
    assert 'below the identity' in text and 'cannot teach' not in text
    table = tool.format_table(s)
    assert table.count('\n') == 7 and '| oracle local |' in table
    # fitted to the loss, the oracle's loss is no higher than fitted to
    # the squared error
    for mode in ('global', 'local'):
        assert s[f'oracle {mode} (loss-fitted)']['loss_fp'] <= \
            s[f'oracle {mode}']['loss_fp'] * 1.01
    # a static clip: nothing to gain, and the verdict says so
    still = clip[:, :, :1].expand_as(clip).contiguous()
    s = tool.clip_scores(model, still, ('global', ), steps=5)
    assert 'cannot teach' in tool.verdict(s)


def test_the_oracle_fit_does_not_depend_on_the_loss_scale():
    """A loss 10^6 times smaller (a mean over many pixels) fits the same
    filters: Adam's step must not crawl on tiny gradients."""
    from mmmotion.models.layers.oracle_filters import fit_oracle_filters
    torch.manual_seed(0)
    frames = torch.rand(1, 1, 2, 16, 16)
    target = torch.roll(frames, 1, -1)

    def tiny(pred, tgt):
        return 1e-6 * (pred - tgt).pow(2).transpose(1, 2).flatten(2).mean(2)

    for mode in ('global', 'local'):
        a = fit_oracle_filters(frames, target, 3, mode, steps=40)
        b = fit_oracle_filters(
            frames, target, 3, mode, steps=40, criterion=tiny)
        assert torch.allclose(a, b, atol=1e-3), mode
