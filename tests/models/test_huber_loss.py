import pytest
import torch

import mmmotion  # noqa: F401
from mmmotion.models.losses import HuberLoss


def test_frame_level_huber_follows_the_paper():
    loss = HuberLoss(delta=0.01)
    target = torch.zeros(2, 1, 3, 4, 4)
    pred = target.clone()
    pred[0, 0, 0, 0, 0] = 0.004  # ||d||_1 = 0.004 < delta: quadratic
    pred[1, 0, 2] = 0.5  # ||d||_1 = 8 > delta: linear
    quad = 0.5 * 0.004**2
    lin = 0.01 * 8 - 0.5 * 0.01**2
    expected = (quad + lin) / 6  # six frames, four of them exact
    assert loss(pred, target).item() == pytest.approx(expected, rel=1e-5)


def test_pixel_reduction_is_torch_huber():
    pred, target = torch.rand(1, 3, 2, 5, 5), torch.rand(1, 3, 2, 5, 5)
    got = HuberLoss(delta=0.01, reduction='pixel')(pred, target)
    ref = torch.nn.functional.huber_loss(pred, target, delta=0.01)
    torch.testing.assert_close(got, ref)


def test_bad_arguments():
    with pytest.raises(ValueError, match='reduction'):
        HuberLoss(reduction='sum')
    with pytest.raises(ValueError, match='differ in shape'):
        HuberLoss()(torch.zeros(1, 1, 2, 4, 4), torch.zeros(1, 1, 3, 4, 4))
