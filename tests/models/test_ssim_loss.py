"""SSIMLoss is a loss like the others: in mmmotion.models.losses, configured
by type and loss_weight, and a term of the motion decoder head's loss."""
import pytest
import torch
from mmengine.registry import DefaultScope

import mmmotion  # noqa: F401
from mmmotion.models.layers.image_quality import ssim
from mmmotion.models.losses import SSIMLoss
from mmmotion.registry import MODELS


def test_built_from_the_losses_registry():
    with DefaultScope.overwrite_default_scope('mmmotion'):
        loss = MODELS.build(dict(type='SSIMLoss', loss_weight=0.5))
    assert type(loss) is SSIMLoss
    assert type(loss).__module__ == 'mmmotion.models.losses.ssim_loss'
    torch.manual_seed(0)
    x, y = torch.rand(2, 1, 16, 16), torch.rand(2, 1, 16, 16)
    torch.testing.assert_close(loss(x, y), 0.5 * (1 - ssim(x, y)))
    assert loss(x, x).item() == pytest.approx(0, abs=1e-6)
    with pytest.raises(ValueError, match='reduction'):
        SSIMLoss(reduction='sum')


def test_a_term_of_the_decoder_head_loss():
    with DefaultScope.overwrite_default_scope('mmmotion'):
        head = MODELS.build(
            dict(
                type='MotionDecoderHead',
                in_channels=8,
                mid_channels=4,
                loss_ssim=dict(type='SSIMLoss', loss_weight=2.0)))
        no_ssim = MODELS.build(
            dict(
                type='MotionDecoderHead',
                in_channels=8,
                mid_channels=4,
                loss_ssim=None))
    assert isinstance(head.loss_ssim, SSIMLoss)
    assert head.loss_ssim.loss_weight == 2.0
    torch.manual_seed(0)
    frames, nxt = torch.rand(2, 1, 16, 16), torch.rand(2, 1, 16, 16)
    zero = torch.zeros(2, 2, 16, 16)
    losses = head.loss(zero, frames, nxt)
    assert set(losses) == {'loss_photo', 'loss_ssim', 'loss_smooth'}
    torch.testing.assert_close(losses['loss_ssim'],
                               2.0 * (1 - ssim(nxt, frames)))
    assert set(no_ssim.loss(zero, frames,
                            nxt)) == {'loss_photo', 'loss_smooth'}
    # the losses hold no state: the head's checkpoint keys are its convs
    assert not any(k.startswith('loss') for k in head.state_dict())
