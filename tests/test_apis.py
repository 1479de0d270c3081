"""The inference API on every method, on clips shipped in tests/data."""
import numpy as np
import pytest
import torch

from mmmotion.apis import (AtomicFlowResult, ClipReader, FramePredictionResult,
                           MotionResult, RecognitionResult, inference_motion,
                           init_model, video_pipeline_cfg)

RGB_CLIP = 'tests/data/natural_rgb/imageio_newtonscradle.mp4'
DEPTH_CLIP = 'tests/data/msr_action3d/a01_s01_e01_sdepth.mat'
C2F_RGB = ('configs/demo/c2f-motion-pairwise-lk-stride2_resnext18-tiny_2xb2-'
           '8x2x1-40e_natural-rgb-mini-112px.py')
C2F_DEPTH = ('configs/demo/c2f-motion-pairwise-lk-stride2_resnext18-tiny_'
             '8x2x1-30e_msr-action3d-mini-depth-64px.py')
DYNAMO = ('configs/dynamonet/dynamonet-fp_resnext18-tiny_8+1x2x1-150e_'
          'natural-rgb-112px.py')
ATOMIC = ('configs/atomic_flow/atomic-flow-2d_convlstm-tiny_10x2x1-150e_'
          'natural-rgb-112px.py')
RECOGNIZER = ('configs/baselines/i3d_resnext18-tiny_8x2x1-60e_ud810-fold1-'
              'rgb-64px.py')
UNIFORM_2D = dict(
    _delete_=True,
    type='UniformCodebook',
    dim=2,
    bins_per_dim=3,
    ranges=[(-2, 2), (-2, 2)])


def _frames(num=20, size=(72, 96)):
    """A textured square moving 2 px right a frame, on noise."""
    rng = np.random.default_rng(0)
    base = rng.integers(0, 255, (size[0], size[1], 3), dtype=np.uint8)
    out = []
    for t in range(num):
        f = base.copy()
        f[20:40, 10 + 2 * t:30 + 2 * t] = 255
        out.append(f)
    return np.stack(out)


def test_c2f_motion_covers_every_pair_of_a_video_file():
    model = init_model(C2F_RGB)
    reader = ClipReader(video_pipeline_cfg(model.cfg), RGB_CLIP)
    res = inference_motion(model, RGB_CLIP, batch_size=2)
    assert isinstance(res, MotionResult)
    n = len(range(0, reader.total_frames, reader.frame_interval))
    assert len(res.frames) == n and res.motion.shape[0] == n - 1
    assert res.motion.shape[1:] == (2, 112, 112)
    assert res.frames.shape[1:] == (3, 112, 112)
    assert 0 <= res.frames.min() and res.frames.max() <= 1
    np.testing.assert_array_equal(res.frame_inds, np.arange(n) * 2)
    # each pair's motion is the model's on the window that holds it
    clip = res.frames[:8].permute(1, 0, 2, 3)[None]
    with torch.no_grad():
        direct = model.motion(clip)[0].transpose(0, 1)
    torch.testing.assert_close(res.motion[:7], direct, atol=1e-4, rtol=0)


def test_c2f_motion_on_depth_and_one_pipeline_clip():
    model = init_model(C2F_DEPTH)
    res = inference_motion(model, DEPTH_CLIP, windows='pipeline')
    assert res.frames.shape == (8, 1, 64, 64)
    assert res.motion.shape == (7, 2, 64, 64)
    assert np.all(np.diff(res.frame_inds) == 2)


def test_checkpoint_round_trip_and_mismatch(tmp_path):
    model = init_model(C2F_DEPTH)
    ckpt = str(tmp_path / 'c2f.pth')
    torch.save({'state_dict': model.state_dict()}, ckpt)
    again = init_model(C2F_DEPTH, ckpt)
    for k, v in model.state_dict().items():
        torch.testing.assert_close(again.state_dict()[k], v)
    with pytest.raises(ValueError, match='c2f.pth does not hold'):
        init_model(C2F_RGB, ckpt)  # 3 input channels, not 1
    with pytest.raises(FileNotFoundError, match='nope.pth'):
        init_model(C2F_DEPTH, str(tmp_path / 'nope.pth'))


def test_dynamonet_predicts_every_frame_from_an_array():
    model = init_model(DYNAMO)
    frames = _frames(24)
    res = inference_motion(model, frames, batch_size=2)
    assert isinstance(res, FramePredictionResult)
    n = len(range(0, 24, 2))
    assert res.frames.shape == (n, 3, 112, 112)
    assert res.pred_frames.shape == (n - 1, 3, 112, 112)
    assert res.filters.shape == (n - 1, 5, 5)
    assert res.motion.shape == (n - 1, 2, 112, 112)
    assert res.scores is None  # FP pretraining: no classifier
    # the prediction of frame t+1 is frame t under filter t
    from mmmotion.models.layers.dynamic_filter import apply_dynamic_filters
    want = apply_dynamic_filters(res.frames[None, :-1].transpose(1, 2),
                                 res.filters[None])[0].transpose(0, 1)
    torch.testing.assert_close(res.pred_frames, want, atol=1e-5, rtol=0)


def test_atomic_flow_probs_and_dense_flow_of_every_pair():
    model = init_model(
        ATOMIC,
        cfg_options=dict(
            model=dict(head=dict(codebook=UNIFORM_2D, num_codewords=9))))
    res = inference_motion(model, list(_frames(8)))
    assert isinstance(res, AtomicFlowResult)
    n = 4  # 8 frames every 2nd
    k = 9
    assert res.frames.shape == (n, 3, 112, 112)
    assert res.probs.shape[:3] == (n - 1, 8, k)
    torch.testing.assert_close(
        res.probs.sum(2), torch.ones_like(res.probs.sum(2)))
    assert res.flow.shape == (n - 1, 8, 2, 112, 112)
    assert res.flow.abs().max() <= 2 + 1e-5  # inside the codebook's box


def test_recognizer_scores_like_mmaction():
    model = init_model(RECOGNIZER)
    res = inference_motion(model, RGB_CLIP, windows='pipeline')
    assert isinstance(res, RecognitionResult)
    assert res.pred_score.shape == (3, )
    assert res.pred_score.sum() == pytest.approx(1, abs=1e-4)
    slid = inference_motion(model, RGB_CLIP)
    assert slid.window_scores.shape[0] > 1
    torch.testing.assert_close(slid.pred_score, slid.window_scores.mean(0))


def test_bad_inputs_are_explained():
    model = init_model(C2F_DEPTH)
    with pytest.raises(ValueError, match="windows must be 'all'"):
        inference_motion(model, DEPTH_CLIP, windows='some')
    with pytest.raises(ValueError, match='fewer than one window'):
        inference_motion(model, np.zeros((5, 64, 64), np.float32))
    with pytest.raises(ValueError, match='T x H x W'):
        inference_motion(model, np.zeros((64, 64), np.float32))
    with pytest.raises(TypeError, match='config must be'):
        init_model(42)
