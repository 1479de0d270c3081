"""Tian et al.'s coarse-to-fine self-supervised motion model."""
import os.path as osp

import cv2
import decord
import numpy as np
import pytest
import torch
from mmaction.structures import ActionDataSample
from mmengine.registry import DefaultScope

import mmmotion  # noqa: F401
from mmmotion.registry import MODELS

VIDEO = osp.join(
    osp.dirname(osp.dirname(osp.abspath(__file__))), 'data', 'unlabeled_rgb',
    'milk.mkv')
BACKBONE = dict(
    type='ResNeXt3D',
    depth=18,
    in_channels=3,
    stem_channels=8,
    base_width=8,
    cardinality=4,
    conv1_kernel=(1, 3, 3),
    pool1_stride=(1, 2, 2),
    stage_strides=((1, 1, 1), (1, 2, 2), (1, 2, 2), (1, 2, 2)))

UPSAMPLERS = dict(
    context=dict(type='ContextGuidedUpsample'),
    bilinear=dict(type='BilinearUpsample'),
    deconv=dict(type='DeconvUpsample'))


def build(upsampler='context', stride=4):
    with DefaultScope.overwrite_default_scope('mmmotion'):
        m = MODELS.build(
            dict(
                type='CoarseToFineMotion',
                backbone=BACKBONE,
                decoder=dict(
                    type='MotionDecoderHead',
                    in_channels=128,
                    out_stride=stride,
                    mid_channels=8),
                upsampler=UPSAMPLERS[upsampler],
                context_channels=4))
    m.init_weights()
    return m


@pytest.fixture(scope='module')
def clip():
    frames = decord.VideoReader(VIDEO).get_batch(list(range(10, 14)))
    frames = np.stack([cv2.resize(f, (32, 32)) for f in frames.asnumpy()])
    return torch.from_numpy(frames).permute(3, 0, 1, 2)[None].float() / 255


@pytest.mark.parametrize('upsampler', ['context', 'bilinear', 'deconv'])
@pytest.mark.parametrize('stride', [4, 8])
def test_full_resolution_motion_and_losses(clip, upsampler, stride):
    model = build(upsampler, stride)
    motion = model(clip)
    assert motion.shape == (1, 2, 3, 32, 32)
    losses = model(clip, mode='loss')
    assert set(losses) == {'loss_photo', 'loss_ssim', 'loss_smooth'}
    sum(losses.values()).backward()
    # the decoder's last conv starts at zero (zero motion); it learns first,
    # and once it is non-zero the gradient reaches the backbone
    assert model.decoder.out.weight.grad.abs().sum() > 0
    with torch.no_grad():
        model.decoder.out.weight.normal_(std=1e-2)
    model.zero_grad()
    sum(model(clip, mode='loss').values()).backward()
    assert next(model.backbone.parameters()).grad.abs().sum() > 0


def test_training_learns_a_known_motion(clip):
    # a real frame moving 1 px right per frame: warping needs dx = 1
    frame = clip[:, :, 0]
    moving = torch.stack([torch.roll(frame, k, dims=3) for k in range(4)], 2)
    torch.manual_seed(0)
    model = build('bilinear', 4)
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    first = model(moving, mode='loss')['loss_photo'].item()
    for _ in range(40):
        loss = sum(model(moving, mode='loss').values())
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert model(moving, mode='loss')['loss_photo'].item() < 0.7 * first
    model.eval()
    dx = model(moving)[:, 0, :, 8:-8, 8:-8].mean().item()
    assert dx > 0.3  # the right direction


def test_predict_and_bad_input(clip):
    model = build().eval()
    out = model(clip[None], [ActionDataSample()], mode='predict')
    assert out[0].pred_motion.shape == (2, 3, 32, 32)
    with pytest.raises(ValueError, match='T >= 2'):
        model(clip[:, :, :1])
    bad = clip.clone()
    bad[0, 0, 0, 0, 0] = float('nan')
    with pytest.raises(ValueError, match='NaN'):
        model(bad)
    with pytest.raises(ValueError, match='not divisible'):
        model(clip[..., :30, :30])


def _recognizer(backbone, in_channels=128):
    return dict(
        type='Recognizer3D',
        backbone=backbone,
        cls_head=dict(
            type='I3DHead',
            num_classes=3,
            in_channels=in_channels,
            average_clips='prob'))


def test_motion_stream_and_late_fusion(clip, tmp_path):
    torch.manual_seed(0)
    motion = build()
    with torch.no_grad():  # some motion, as after pretraining
        motion.decoder.out.weight.normal_(std=0.1)
    ckpt = str(tmp_path / 'motion.pth')
    torch.save(dict(state_dict=motion.state_dict()), ckpt)
    stream = dict(
        type='MotionStreamBackbone',
        motion_model=dict(
            type='CoarseToFineMotion',
            backbone=BACKBONE,
            decoder=dict(
                type='MotionDecoderHead', in_channels=128, mid_channels=8),
            context_channels=4),
        backbone=dict(BACKBONE, in_channels=2),
        motion_checkpoint=ckpt)
    with DefaultScope.overwrite_default_scope('mmmotion'):
        rec = MODELS.build(
            dict(
                _recognizer(stream),
                data_preprocessor=dict(
                    type='ActionDataPreprocessor', format_shape='NCTHW')))
    rec.init_weights()
    for k, v in motion.state_dict().items():
        torch.testing.assert_close(rec.backbone.motion_model.state_dict()[k],
                                   v)
    rec.train()
    assert not rec.backbone.motion_model.training  # frozen
    s = ActionDataSample()
    s.set_gt_label(torch.tensor(1))
    loss = rec(clip[None], [s], mode='loss')['loss_cls']
    loss.backward()
    assert all(p.grad is None for p in rec.backbone.motion_model.parameters())
    assert rec.backbone.backbone.conv1.weight.grad.abs().sum() > 0
    # late fusion of an RGB stream and the motion stream
    with DefaultScope.overwrite_default_scope('mmmotion'):
        fusion = MODELS.build(
            dict(
                type='LateFusionRecognizer',
                streams=[_recognizer(BACKBONE),
                         _recognizer(stream)],
                weights=[1, 3]))
    fusion.init_weights()
    fusion.eval()
    out = fusion(clip[None], [ActionDataSample()], mode='predict')
    rgb = fusion.streams[0](
        clip[None], [ActionDataSample()], mode='predict')[0].pred_score
    mot = fusion.streams[1](
        clip[None], [ActionDataSample()], mode='predict')[0].pred_score
    torch.testing.assert_close(out[0].pred_score, 0.25 * rgb + 0.75 * mot)
    with pytest.raises(RuntimeError, match='only predicts'):
        fusion(clip[None], [ActionDataSample()], mode='loss')
