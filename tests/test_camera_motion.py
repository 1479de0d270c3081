"""RandomCameraMotion: one random camera velocity over a clip (issue 16)."""
import os.path as osp

import cv2
import numpy as np
import pytest
from conftest import TEST_DATA

from mmmotion.datasets.transforms import RandomCameraMotion
from mmmotion.utils.optical_flow import compute_flow


def _frame():
    cap = cv2.VideoCapture(osp.join(TEST_DATA, 'unlabeled_rgb', 'milk.mkv'))
    ok, frame = cap.read()
    cap.release()
    assert ok
    return cv2.resize(frame, (96, 72))


def test_a_still_clip_moves_at_the_drawn_velocity():
    frame = _frame()
    np.random.seed(0)
    t = RandomCameraMotion(shift=(1.5, 2.5))
    out = t(dict(imgs=[frame.copy() for _ in range(4)], clip_len=4))
    dx, dy, z, deg = out['camera_motion']
    assert 1.5 <= dx <= 2.5 and 1.5 <= dy <= 2.5 and z == deg == 0
    imgs = out['imgs']
    assert np.array_equal(imgs[0], frame) and imgs[3].shape == frame.shape
    # DIS sees the drawn velocity between consecutive frames (inside)
    grey = [cv2.cvtColor(i, cv2.COLOR_BGR2GRAY) for i in imgs]
    for a, b in zip(grey[:-1], grey[1:]):
        flow = compute_flow(a, b, 'dis')[16:-16, 16:-16]
        assert np.median(flow[..., 0]) == pytest.approx(dx, abs=0.3)
        assert np.median(flow[..., 1]) == pytest.approx(dy, abs=0.3)


def test_clips_restart_channels_kept_and_prob():
    depth = np.random.rand(40, 48, 1).astype(np.float32)
    t = RandomCameraMotion(shift=1.0, zoom=0.05, rotate=3.0)
    out = t(dict(imgs=[depth] * 6, clip_len=3))
    imgs = out['imgs']
    assert all(i.shape == (40, 48, 1) for i in imgs)
    # each clip of the sample starts unmoved, and moves the same way
    assert np.array_equal(imgs[3], depth)
    assert np.allclose(imgs[1], imgs[4]) and not np.allclose(imgs[1], depth)
    still = RandomCameraMotion(prob=0.0)(dict(imgs=[depth] * 3))
    assert all(i is depth for i in still['imgs'])
    assert still['camera_motion'] == (0.0, 0.0, 0.0, 0.0)
    with pytest.raises(ValueError, match='prob'):
        RandomCameraMotion(prob=2)
    with pytest.raises(ValueError, match='not a zoom'):
        RandomCameraMotion(zoom=(-1.0, 0.0))


def test_the_step_between_frames_is_the_same_with_zoom_and_rotation():
    frame = _frame()
    np.random.seed(1)
    t = RandomCameraMotion(shift=(3.0, 3.0), zoom=(0.03, 0.03), rotate=2.0)
    imgs = t(dict(imgs=[frame] * 6, clip_len=6))['imgs']
    grey = [cv2.cvtColor(i, cv2.COLOR_BGR2GRAY) for i in imgs]
    flows = [
        compute_flow(a, b, 'dis')[24:-24, 24:-24]
        for a, b in zip(grey[:-1], grey[1:])
    ]
    # the motion of the centre region is one step from each frame to the
    # next (not a drift as the composed translation grows)
    first, last = flows[0].mean((0, 1)), flows[-1].mean((0, 1))
    assert np.abs(first - last).max() < 0.3
