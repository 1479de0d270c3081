"""Run a trained model on a video: motion, predicted frames, atomic flows or
class scores, one data structure per method."""
from dataclasses import dataclass, field
from typing import List, Optional, Union

import numpy as np
import torch
import torch.nn as nn

from mmmotion.models.layers.atomic_flow_decoding import decode_dense_flow
from mmmotion.models.layers.filter_motion import filters_to_motion
from mmmotion.models.utils import unit_frames
from .video_clips import ClipReader, VideoInput, video_pipeline_cfg


@dataclass
class MotionResult:
    """Coarse-to-fine motion: ``motion`` ``(P, 2, H, W)``, the motion of
    each of the P consecutive pairs of ``frames`` ``(P + 1, C, H, W)`` (on
    [0, 1], the frames the model saw), in pixels of those frames, ``(dx,
    dy)`` from frame t to t+1 (``backward_warp``'s convention); and the
    index of each frame in the source video."""
    frames: torch.Tensor
    motion: torch.Tensor
    frame_inds: np.ndarray


@dataclass
class FramePredictionResult:
    """DynamoNet: ``pred_frames`` ``(P, C, H, W)``, the prediction of frames
    1..P of ``frames`` ``(P + 1, C, H, W)`` each from the frame before it
    with its dynamic filter; ``filters`` ``(P, s, s)`` (global) or ``(P,
    s*s, H, W)`` (local); ``motion`` ``(P, 2, H, W)``, the filters read as
    motion (``filters_to_motion``); ``scores`` ``(W, K)``, each window's
    class scores when the model has a classifier (else None)."""
    frames: torch.Tensor
    pred_frames: torch.Tensor
    filters: torch.Tensor
    motion: torch.Tensor
    frame_inds: np.ndarray
    scores: Optional[torch.Tensor] = None


@dataclass
class AtomicFlowResult:
    """Atomic flows: for each of the P input pairs (frames t, t+1 of
    ``frames`` ``(P + 1, C, H, W)``), ``probs`` ``(P, S, K, Hp, Wp)``, the
    codeword distribution of each of the S predicted steps and patch, and
    ``flow`` ``(P, S, 2, H, W)``, each step decoded to a dense 2D flow
    (the expected codeword, bilinear from the patch centres;
    :func:`decode_dense_flow`), in pixels of the frames; ``codewords``
    ``(K, D)``."""
    frames: torch.Tensor
    probs: torch.Tensor
    flow: torch.Tensor
    codewords: torch.Tensor
    frame_inds: np.ndarray


@dataclass
class RecognitionResult:
    """A recognizer: ``pred_score`` ``(K,)``, as MMAction2's
    ``inference_recognizer`` gives it (the mean over windows with
    ``windows='all'``), and ``window_scores`` ``(W, K)``."""
    pred_score: torch.Tensor
    window_scores: torch.Tensor = field(default=None)


InferenceResult = Union[MotionResult, FramePredictionResult, AtomicFlowResult,
                        RecognitionResult]


def _kind(model: nn.Module) -> str:
    name = type(model).__name__
    if hasattr(model, 'motion') and hasattr(model, 'decoder'):
        return 'motion'
    if hasattr(model, 'fp_head') and hasattr(model, 'predict_frames'):
        return 'frame_prediction'
    if hasattr(model, 'head') and hasattr(model.head, 'codebook'):
        return 'atomic_flow'
    if hasattr(model, 'cls_head') and model.cls_head is not None:
        return 'recognition'
    raise TypeError(f'{name}: no inference for this model (a coarse-to-fine '
                    'motion model, DynamoNet, an atomic-flow predictor or a '
                    'recognizer)')


def _clip_len(model: nn.Module, kind: str, reader: ClipReader) -> int:
    if kind == 'frame_prediction':
        return model.fp_head.num_frames + 1
    if kind == 'atomic_flow':
        return 2
    return reader.clip_len


@torch.no_grad()
def inference_motion(model: nn.Module,
                     video: VideoInput,
                     windows: str = 'all',
                     stride: Optional[int] = None,
                     batch_size: int = 4,
                     pipeline: Optional[List[dict]] = None,
                     modality: Optional[str] = None) -> InferenceResult:
    """Run ``model`` on ``video`` through its own test pipeline.

    Args:
        model (nn.Module): A model of :func:`init_model`.
        video (str | ndarray | list[ndarray]): A video file (or a depth
            file, for a depth model) that the config's loader reads, or the
            decoded frames, ``T x H x W x C`` uint8 RGB (or ``T x H x W``
            depth, as the depth loader gives it).
        windows (str): ``'all'`` (default): windows slide over the whole
            video at the pipeline's frame interval (module
            :mod:`mmmotion.apis.video_clips`), and the results cover every
            sampled frame; ``'pipeline'``: the one clip (or clips) the test
            pipeline samples, what the model was evaluated on.
        stride (int, optional): Window start step in sampled frames.
            Defaults to the window length - 1 (motion, frame prediction,
            recognition) or 1 (atomic flows: every pair).
        batch_size (int): Windows run at once. Defaults to 4.
        pipeline (list[dict], optional): Another test pipeline. Defaults to
            the config's (:func:`video_pipeline_cfg`).
        modality (str, optional): The data dict's modality; defaults to
            ``'Depth'`` for a 1-channel model, else ``'RGB'``.

    Returns:
        MotionResult | FramePredictionResult | AtomicFlowResult |
        RecognitionResult: by the model's kind.
    """
    if windows not in ('all', 'pipeline'):
        raise ValueError(f"windows must be 'all' or 'pipeline', got "
                         f'{windows!r}')
    if batch_size < 1:
        raise ValueError(f'batch_size must be >= 1, got {batch_size}')
    kind = _kind(model)
    cfg = model.cfg
    pipe = pipeline or video_pipeline_cfg(cfg)
    if modality is None:
        in_ch = cfg.model.get('backbone', {}).get('in_channels')
        modality = 'Depth' if in_ch == 1 else 'RGB'
    reader = ClipReader(pipe, video, modality)
    device = next(model.parameters()).device
    if windows == 'pipeline':
        data, ind = reader.pipeline_clip()
        inds = [ind]
        batches = [({
            'inputs': [data['inputs']],
            'data_samples': [data['data_samples']]
        }, inds)]
        if kind == 'recognition':
            sample = model.test_step(batches[0][0])[0]
            return RecognitionResult(
                pred_score=sample.pred_score.cpu(),
                window_scores=sample.pred_score.cpu()[None])
    else:
        length = _clip_len(model, kind, reader)
        if stride is None and kind == 'atomic_flow':
            stride = 1
        batches = reader.windows(length, stride, batch_size)
    outs, all_inds = [], []
    for data, inds in batches:
        data = model.data_preprocessor(data, False)
        x = data['inputs'].to(device)
        if x.dim() == 6 and kind != 'recognition':
            x = x[:, 0]  # (N, clips, C, T, H, W): the first clip of each
        outs.append(_run(model, kind, x, data['data_samples']))
        all_inds += [np.asarray(i) for i in inds]
    return _stitch(model, kind, outs, all_inds)


def _run(model, kind: str, x: torch.Tensor, samples) -> dict:
    """One batch of windows ``(N, C, T, H, W)`` -> per-window outputs."""
    if kind == 'motion':  # the model's own predict (any frame size)
        done = model.predict(model._clips(x), samples)
        return dict(
            frames=unit_frames(model.data_preprocessor, x),
            motion=torch.stack([s.pred_motion for s in done]))
    if kind == 'frame_prediction':
        out = model.predict_frames(x)
        res = dict(
            frames=unit_frames(model.data_preprocessor, x),
            pred=out['pred'],
            filters=out['filters'],
            motion=filters_to_motion(out['filters'], tuple(x.shape[-2:])))
        if model.with_cls_head and not model.self_supervised:
            done = model.cls_head.predict((out['feats'], out['filters']),
                                          samples)
            res['scores'] = torch.stack([s.pred_score for s in done])
        return res
    if kind == 'atomic_flow':
        pairs = model._pairs(x[:, :, :2])
        h, w = pairs.shape[-2:]
        logits, patch = model.padded_logits(pairs)
        cw = model.head.codebook.codewords.detach()
        flow = torch.stack([
            decode_dense_flow(logits, cw, patch, step=k)[..., :h, :w]
            for k in range(logits.shape[2])
        ], 1)
        return dict(
            frames=model.unit_frames(pairs),
            probs=logits.softmax(1).transpose(1, 2),
            flow=flow,
            codewords=cw)
    # recognition, window by window (MMAction2's recognizers take
    # (N, clips, C, T, H, W))
    done = model(x if x.dim() == 6 else x[:, None], samples, mode='predict')
    return dict(scores=torch.stack([s.pred_score for s in done]))


def _frames_of(windows: torch.Tensor, inds: List[np.ndarray]):
    """Windows ``(W, C, T, H, W)`` sharing frames -> the distinct frames
    ``(F, C, H, W)`` in order, their source indices, and for each window
    the positions of its frames in that order."""
    order = sorted({int(i) for ind in inds for i in ind})
    pos = {v: k for k, v in enumerate(order)}
    frames = [None] * len(order)
    for w, ind in zip(windows, inds):
        for t, i in enumerate(ind):
            if frames[pos[int(i)]] is None:
                frames[pos[int(i)]] = w[:, t]
    where = [[pos[int(i)] for i in ind] for ind in inds]
    return torch.stack(frames), np.asarray(order), where


def _pairwise(values: torch.Tensor, where: List[List[int]], num: int):
    """Per-window pair outputs ``(W, T - 1, ...)`` -> one per consecutive
    pair of the distinct frames ``(num - 1, ...)`` (a pair in two windows
    keeps the later window's)."""
    out = [None] * (num - 1)
    for v, pos in zip(values, where):
        for t in range(len(pos) - 1):
            if pos[t + 1] != pos[t] + 1:
                raise RuntimeError('windows are not consecutive frames')
            out[pos[t]] = v[t]
    missing = [k for k, v in enumerate(out) if v is None]
    if missing:
        raise RuntimeError(f'pairs {missing[:5]} are in no window')
    return torch.stack(out)


def _stitch(model, kind: str, outs: List[dict], inds: List[np.ndarray]):
    cat = {k: torch.cat([o[k] for o in outs]) for k in outs[0]}
    if kind == 'recognition':
        return RecognitionResult(
            pred_score=cat['scores'].mean(0).cpu(),
            window_scores=cat['scores'].cpu())
    # a clip longer than the frames the model reads (an atomic-flow
    # pipeline's pair + steps): its first frames
    inds = [i[:cat['frames'].shape[2]] for i in inds]
    frames, order, where = _frames_of(cat['frames'].cpu(), inds)
    n = len(order)
    if kind == 'motion':
        motion = cat['motion'].transpose(1, 2).cpu()  # (W, T-1, 2, H, W)
        return MotionResult(frames, _pairwise(motion, where, n), order)
    if kind == 'frame_prediction':
        pred = cat['pred'].transpose(1, 2).cpu()  # (W, T, C, H, W)
        motion = cat['motion'].transpose(1, 2).cpu()
        return FramePredictionResult(
            frames=frames,
            pred_frames=_pairwise(pred, where, n),
            filters=_pairwise(cat['filters'].cpu(), where, n),
            motion=_pairwise(motion, where, n),
            frame_inds=order,
            scores=cat['scores'].cpu() if 'scores' in cat else None)
    return AtomicFlowResult(
        frames=frames,
        probs=_pairwise(cat['probs'][:, None].cpu(), where, n),
        flow=_pairwise(cat['flow'][:, None].cpu(), where, n),
        codewords=outs[0]['codewords'].cpu(),
        frame_inds=order)
