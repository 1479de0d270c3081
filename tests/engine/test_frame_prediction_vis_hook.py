import glob
import os.path as osp
import uuid
from types import SimpleNamespace

import cv2
import decord
import numpy as np
import pytest
import torch
from mmaction.structures import ActionDataSample
from mmengine.visualization import Visualizer
from tensorboard.backend.event_processing.event_file_loader import \
    EventFileLoader

import mmmotion  # noqa: F401  (registers the modules)
from mmmotion.engine.hooks.frame_prediction_vis_hook import \
    FramePredictionVisualizationHook
from mmmotion.registry import HOOKS

VIDEO = osp.join(
    osp.dirname(osp.dirname(osp.abspath(__file__))), 'data', 'unlabeled_rgb',
    'milk.mkv')
H, W, T = 32, 40, 10


@pytest.fixture(scope='module')
def clip():
    """T+1 real frames, (C=3, T+1, H, W), float32 on [0, 1]."""
    reader = decord.VideoReader(VIDEO)
    frames = reader.get_batch(list(range(T + 1))).asnumpy()
    frames = np.stack(
        [cv2.resize(f, (W, H), interpolation=cv2.INTER_AREA) for f in frames])
    return torch.from_numpy(frames).permute(3, 0, 1, 2).float() / 255


@pytest.fixture
def runner(tmp_path):
    visualizer = Visualizer.get_instance(
        name=f'test_frame_prediction_vis_{uuid.uuid4().hex}',
        vis_backends=[
            dict(type='LocalVisBackend'),
            dict(type='TensorboardVisBackend')
        ],
        save_dir=str(tmp_path))
    yield SimpleNamespace(visualizer=visualizer, iter=5, epoch=1)
    visualizer.close()


def _outputs(clip):
    target = clip[:, 1:]
    noisy = (target + 0.1 * torch.randn_like(target)).clamp(0, 1)
    grey = 0.5 * target.mean(dim=0, keepdim=True)  # on [0, 0.5]
    return [
        ActionDataSample(pred_frames=target.clone(), target_frames=target),
        ActionDataSample(),  # carries no frames: skipped
        ActionDataSample(pred_frames=noisy, target_frames=target),
        ActionDataSample(pred_frames=grey + 0.5, target_frames=grey),
    ]


def _read(path):
    image = cv2.imread(path, cv2.IMREAD_UNCHANGED)
    assert image is not None, path
    return cv2.cvtColor(image, cv2.COLOR_BGR2RGB)


def test_writes_png_and_tensorboard(clip, runner, tmp_path):
    hook = HOOKS.build(
        dict(type='FramePredictionVisualizationHook', max_samples=3))
    outputs = _outputs(clip)
    hook.after_val_iter(runner, batch_idx=3, outputs=outputs)  # not due
    assert not glob.glob(str(tmp_path / '**' / '*.png'), recursive=True)
    hook.after_val_iter(runner, batch_idx=0, data_batch=None, outputs=outputs)
    runner.visualizer.close()  # flush TensorBoard

    image_dir = tmp_path / 'vis_data' / 'vis_image'
    names = sorted(p.name for p in image_dir.glob('*.png'))
    # samples 0, 2 and 3 carry frames; step = runner.iter
    assert names == [f'val_frame_prediction_0_{i}_5.png' for i in (0, 2, 3)]
    target = clip[:, -8:]  # the last max_frames=8 frames
    truth = (target * 255).round().to(torch.uint8).permute(2, 1, 3, 0)
    truth = truth.reshape(H, 8 * W, 3).numpy()

    perfect = _read(str(image_dir / 'val_frame_prediction_0_0_5.png'))
    assert perfect.shape == (3 * H, 8 * W, 3)
    np.testing.assert_array_equal(perfect[:H], truth)  # row 1: true frames
    np.testing.assert_array_equal(perfect[H:2 * H], truth)  # row 2: pred
    assert perfect[2 * H:].max() == 0  # row 3: no difference

    noisy = _read(str(image_dir / 'val_frame_prediction_0_2_5.png'))
    assert noisy.shape == (3 * H, 8 * W, 3)
    assert noisy[2 * H:].mean() > 20  # amplified difference is visible

    grey = _read(str(image_dir / 'val_frame_prediction_0_3_5.png'))
    assert grey.shape == (3 * H, 8 * W, 3)
    assert (grey[..., 0] == grey[..., 1]).all()  # grey repeated to RGB
    assert grey[2 * H:].min() == 255  # diff 0.5 * gain 4, clipped

    events = glob.glob(
        str(tmp_path / '**' / 'events.out.tfevents*'), recursive=True)
    assert len(events) == 1
    tags = {
        value.tag
        for event in EventFileLoader(events[0]).Load()
        for value in event.summary.value
    }
    assert tags == {f'val_frame_prediction_0_{i}' for i in (0, 2, 3)}


def test_test_mode_options_and_disable(clip, runner, tmp_path):
    runner.iter = 0  # no training step: the epoch is the step
    hook = FramePredictionVisualizationHook(interval=2, max_frames=20)
    hook.after_test_iter(runner, batch_idx=4, outputs=_outputs(clip))
    paths = glob.glob(str(tmp_path / '**' / '*.png'), recursive=True)
    assert [osp.basename(p)
            for p in paths] == ['test_frame_prediction_4_0_1.png']
    assert _read(paths[0]).shape == (3 * H, T * W, 3)  # all T frames

    off = FramePredictionVisualizationHook(enable=False, interval=1)
    off.after_val_iter(runner, batch_idx=0, outputs=_outputs(clip))
    off.after_val_iter(runner, batch_idx=1, outputs=None)
    assert len(glob.glob(str(tmp_path / '**' / '*.png'), recursive=True)) == 1


def test_bad_frames(clip):
    hook = FramePredictionVisualizationHook()
    with pytest.raises(ValueError, match='C = 1 or 3'):
        hook.render(torch.rand(2, 4, 8, 8), torch.rand(2, 4, 8, 8))
    with pytest.raises(ValueError, match='positive'):
        FramePredictionVisualizationHook(interval=0)
