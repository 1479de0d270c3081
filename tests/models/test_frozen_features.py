"""FrozenFeatures: any backbone frozen under a linear probe (the ConvLSTM
encoder's linear-probe config)."""
import os.path as osp

import torch
from conftest import ROOT
from mmengine.config import Config
from mmengine.registry import DefaultScope

import mmmotion  # noqa: F401
from mmmotion.registry import MODELS

CONFIG = osp.join(
    ROOT, 'configs', 'benchmarks', 'linear_probe',
    'linear-probe_convlstm-tiny_16x1x1-30e_msr-action3d-depth-64x48px.py')
ENCODER = dict(
    type='ConvLSTMEncoder',
    modality='depth',
    channels=(4, 8),
    strides=(2, 2),
    lstm_channels=8)


def test_frozen_encoder_gives_a_5d_map_and_no_gradients():
    m = MODELS.build(dict(type='FrozenFeatures', encoder=ENCODER))
    m.train()
    assert not m.encoder.training
    x = torch.rand(2, 1, 4, 16, 12, requires_grad=True)
    out = m(x)
    assert out.shape == (2, 8, 1, 4, 3)
    assert not out.requires_grad
    assert all(not p.requires_grad for p in m.parameters())


def test_pretrained_weights_load_by_prefix(tmp_path):
    pre = MODELS.build(ENCODER)
    ckpt = tmp_path / 'pre.pth'
    torch.save(
        {
            'state_dict': {
                'backbone.' + k: v
                for k, v in pre.state_dict().items()
            }
        }, ckpt)
    enc = dict(
        ENCODER,
        init_cfg=dict(
            type='Pretrained', checkpoint=str(ckpt), prefix='backbone.'))
    m = MODELS.build(dict(type='FrozenFeatures', encoder=enc))
    m.init_weights()
    for k, v in pre.state_dict().items():
        assert torch.equal(m.encoder.state_dict()[k], v), k


def test_linear_probe_config_trains_the_classifier_alone():
    cfg = Config.fromfile(CONFIG)
    cfg.model.backbone.encoder.init_cfg = None
    with DefaultScope.overwrite_default_scope('mmmotion'):
        model = MODELS.build(cfg.model)
    trainable = {n for n, p in model.named_parameters() if p.requires_grad}
    assert trainable and all(n.startswith('cls_head.') for n in trainable)
    from mmaction.structures import ActionDataSample
    samples = [ActionDataSample().set_gt_label(i) for i in (0, 1)]
    x = torch.rand(2, 1, 1, 16, 48, 64)  # (N, clips, C, T, H, W)
    losses = model(
        *model.data_preprocessor(
            dict(inputs=list(x), data_samples=samples), True).values(),
        mode='loss')
    losses['loss_cls'].backward()
    assert model.cls_head.fc_cls.weight.grad is not None
