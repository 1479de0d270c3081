import logging
import os.path as osp

import cv2
import decord
import numpy as np
import pytest
import torch
from mmaction.structures import ActionDataSample
from mmengine.evaluator import Evaluator
from mmengine.logging import MMLogger
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

import mmmotion  # noqa: F401  (registers the modules)
from mmmotion.evaluation.metrics.frame_prediction_metric import \
    FramePredictionMetric
from mmmotion.registry import METRICS

VIDEO = osp.join(
    osp.dirname(osp.dirname(osp.abspath(__file__))), 'data', 'unlabeled_rgb',
    'milk.mkv')
KEYS = ('ssim', 'psnr', 'ssim_copy_last', 'psnr_copy_last', 'ssim_future',
        'psnr_future', 'ssim_future_copy_last', 'psnr_future_copy_last',
        'ssim_seen', 'psnr_seen', 'ssim_seen_copy_last', 'psnr_seen_copy_last')


@pytest.fixture(scope='module')
def clip():
    """Nine real frames (every 2nd): (C=3, T+1=9, 48, 64), float64, [0, 1]."""
    reader = decord.VideoReader(VIDEO)
    frames = reader.get_batch(list(range(0, 18, 2))).asnumpy()
    frames = np.stack([
        cv2.resize(f, (64, 48), interpolation=cv2.INTER_AREA) for f in frames
    ])
    return torch.from_numpy(frames).permute(3, 0, 1, 2).double() / 255


def _sample(clip, pred=None):
    """A sample dict: the model saw x_1..x_T and predicts x_2..x_{T+1}."""
    target = clip[:, 1:]
    return dict(
        pred_frames=target.clone() if pred is None else pred,
        target_frames=target,
        copy_frames=clip[:, :-1])


def _reference(sample, data_range=1.0):
    """Per-sample values by direct skimage computation, frame by frame."""
    pred = np.clip(sample['pred_frames'].numpy(), 0, data_range)
    target = sample['target_frames'].numpy()
    copy = sample['copy_frames'].numpy()
    out = {}
    for suffix, guess in (('', pred), ('_copy_last', copy)):
        s = [
            structural_similarity(
                guess[:, t],
                target[:, t],
                data_range=data_range,
                channel_axis=0,
                win_size=7) for t in range(target.shape[1])
        ]
        p = [
            peak_signal_noise_ratio(
                target[:, t], guess[:, t], data_range=data_range)
            for t in range(target.shape[1])
        ]
        out['ssim' + suffix], out['psnr' + suffix] = np.mean(s), np.mean(p)
        out['ssim_future' + suffix], out['psnr_future' + suffix] = s[-1], p[-1]
        out['ssim_seen' + suffix] = np.mean(s[:-1])
        out['psnr_seen' + suffix] = np.mean(p[:-1])
    return out


def test_perfect_prediction_beats_copy_last(clip):
    metric = METRICS.build(dict(type='FramePredictionMetric'))
    metric.process(None, [_sample(clip)])
    result = metric.compute_metrics(metric.results)
    assert set(result) == set(KEYS)
    assert result['ssim'] == pytest.approx(1.0)
    assert result['ssim_future'] == pytest.approx(1.0)
    assert result['psnr'] == pytest.approx(100.0)  # the documented cap
    assert result['ssim_copy_last'] < 0.99
    assert result['psnr_copy_last'] < 40
    assert result['ssim'] > result['ssim_copy_last']
    assert result['psnr_future'] > result['psnr_future_copy_last']


def test_known_case_equals_skimage(clip):
    rng = np.random.default_rng(0)
    target = clip[:, 1:]
    # a blurred, noisy guess, partly outside [0, 1] (clamped by the metric)
    blurred = torch.from_numpy(
        np.stack([
            cv2.GaussianBlur(target[c, t].numpy(), (5, 5), 1.0)
            for c in range(3) for t in range(8)
        ]).reshape(target.shape))
    pred = blurred + torch.from_numpy(rng.normal(0, 0.05, target.shape))
    assert pred.min() < 0 and pred.max() > 1
    reverse = clip.flip(1)  # a second sample: the clip played backwards
    samples = [
        _sample(clip, pred),
        _sample(reverse, 0.9 * reverse[:, 1:] + 0.05)
    ]
    expected = [_reference(s) for s in samples]

    # through an Evaluator: ActionDataSamples become dicts, keys get a prefix
    evaluator = Evaluator(FramePredictionMetric())
    data_samples = [ActionDataSample(**s) for s in samples]
    evaluator.process(data_samples=data_samples, data_batch=None)
    result = evaluator.evaluate(len(samples))
    assert set(result) == {f'frame_pred/{key}' for key in KEYS}
    for key in KEYS:
        want = np.mean([e[key] for e in expected])
        assert result[f'frame_pred/{key}'] == pytest.approx(want, abs=1e-6), \
            key

    # data samples passed as objects are read through attributes too
    metric = FramePredictionMetric()
    metric.process(None, data_samples[:1])
    for key in KEYS:
        assert metric.results[0][key] == pytest.approx(
            expected[0][key], abs=1e-6)


def test_logs_table(clip):
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = MMLogger.get_current_instance()
    logger.addHandler(handler)
    try:
        metric = FramePredictionMetric()
        metric.process(None, [_sample(clip)])
        metric.compute_metrics(metric.results)
    finally:
        logger.removeHandler(handler)
    text = '\n'.join(r.getMessage() for r in records)
    lines = text.splitlines()
    assert 'SSIM future' in text and 'PSNR future' in text
    assert any(line.startswith('prediction') for line in lines)
    assert any(line.startswith('copy last frame') for line in lines)
    rows = [
        line for line in lines
        if 'SSIM' in line or 'frame ' in line or line.startswith('prediction')
    ][-3:]
    assert len({len(row) for row in rows}) == 1  # aligned columns


def test_missing_keys_error(clip):
    metric = FramePredictionMetric()
    sample = _sample(clip)
    del sample['copy_frames']
    with pytest.raises(KeyError, match='predict'):
        metric.process(None, [sample])
    with pytest.raises(KeyError, match='pred_frames'):
        metric.process(None, [ActionDataSample()])


def test_shape_mismatch_error(clip):
    sample = _sample(clip)
    sample['pred_frames'] = sample['pred_frames'][:, :-1]
    with pytest.raises(ValueError, match='one shape'):
        FramePredictionMetric().process(None, [sample])


def test_oracle_filters_bound_the_prediction(clip):
    """The oracle of the model's form (issue 16): fitted filters beat copy-
    last on real frames, local ones more than global, and a prediction
    equal to copy-last captures none of their gain."""
    clip = clip[:, :5, ::2, ::2].float()  # (3, 5, 24, 32)
    sample = _sample(clip, clip[:, :-1].clone())  # predict = copy-last
    metric = FramePredictionMetric(
        oracle=dict(modes=('global', 'local'), steps=60))
    metric.process(None, [sample])
    result = metric.compute_metrics(metric.results)
    for part in ('', '_seen', '_future'):
        assert result[f'psnr{part}_oracle_global'] > \
            result[f'psnr{part}_copy_last'] + 0.1
        assert result[f'psnr{part}_oracle_local'] > \
            result[f'psnr{part}_oracle_global']
    for key in ('gain_share_seen_global', 'gain_share_future_local'):
        assert result[key] == pytest.approx(0.0, abs=1e-6)
    assert result['oracle_samples'] == 1
    # num_samples: only the first samples get an oracle
    metric = FramePredictionMetric(
        oracle=dict(modes=('global', ), steps=5, num_samples=1))
    metric.process(None, [sample, sample])
    result = metric.compute_metrics(metric.results)
    assert result['oracle_samples'] == 1
    with pytest.raises(ValueError, match='oracle modes'):
        FramePredictionMetric(oracle=dict(modes=('pixel', )))


def test_fit_oracle_filters_recovers_a_known_shift(clip):
    from mmmotion.models.layers.oracle_filters import fit_oracle_filters
    frames = clip[:, :2].float()[None]  # (1, 3, 2, 48, 64)
    # the target: every frame shifted one pixel right (a filter's tap)
    target = torch.cat([frames[..., :1], frames[..., :-1]], -1)
    f = fit_oracle_filters(frames, target, filter_size=3, steps=150)
    assert f.shape == (1, 2, 3, 3)
    # the mass moves to the tap one pixel left of the centre
    assert (f[0, :, 1, 0] > 0.8).all()


def test_dis_flow_bound_recovers_a_known_shift(clip):
    """The motion bound (issue 16): a clip whose every frame is the last
    one shifted by 1 px; DIS flow, clamped to the filter's reach, predicts
    it far better than copy-last, and copy-last captures none of that."""
    base = clip[:, :1, :, :].float().repeat(1, 5, 1, 1)
    moved = torch.stack(
        [torch.roll(base[:, 0], shifts=(t, t), dims=(1, 2)) for t in range(5)],
        1)
    sample = _sample(moved, moved[:, :-1].clone())
    metric = FramePredictionMetric(flow_bound=2)
    metric.process(None, [sample])
    result = metric.compute_metrics(metric.results)
    for part in ('', '_seen', '_future'):
        assert result[f'psnr{part}_dis'] > result[f'psnr{part}_copy_last'] + 3
    assert result['gain_share_seen_dis'] == pytest.approx(0.0, abs=1e-6)
    # with no reach at all the bound is copy-last
    metric = FramePredictionMetric(flow_bound=1e-6)
    metric.process(None, [sample])
    result = metric.compute_metrics(metric.results)
    assert result['psnr_dis'] == pytest.approx(
        result['psnr_copy_last'], abs=1e-3)
    with pytest.raises(ValueError, match='flow_bound must be positive'):
        FramePredictionMetric(flow_bound=0)
