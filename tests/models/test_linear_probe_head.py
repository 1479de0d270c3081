"""LinearProbeHead: scale-free features under a linear classifier."""
import torch
from mmengine.registry import DefaultScope

import mmmotion  # noqa: F401
from mmmotion.registry import MODELS


def _head():
    with DefaultScope.overwrite_default_scope('mmmotion'):
        return MODELS.build(
            dict(
                type='LinearProbeHead',
                num_classes=3,
                in_channels=4,
                dropout_ratio=0.0))


def test_scores_do_not_depend_on_feature_scale():
    head = _head().train()
    x = torch.randn(8, 4, 2, 3, 3)
    a = head(x)
    b = head(1000 * x)  # train mode: batch statistics
    torch.testing.assert_close(a, b, rtol=1e-3, atol=1e-3)
    # no parameters beyond the FC: the classifier is linear
    assert {n
            for n, _ in head.named_parameters()
            } == {'fc_cls.weight', 'fc_cls.bias'}
    head.eval()
    assert head(x).shape == (8, 3)
