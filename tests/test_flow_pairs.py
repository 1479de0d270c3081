"""Ground-truth flow: .flo files, pair lists, FlowPairDataset and its
pipeline, EPE in MotionWarpMetric, the flow-gt test config."""
import glob
import json
import os
import os.path as osp
import shutil
import sys

import cv2
import numpy as np
import pytest
import torch
from conftest import ROOT, TEST_DATA, run_tool
from mmengine.registry import DefaultScope

import mmmotion  # noqa: F401
from mmmotion.datasets import BadSampleError
from mmmotion.utils.flow_io import read_flo, valid_flow_mask, write_flo

SAMPLE = osp.join(TEST_DATA, 'flow_gt')
FLO = osp.join(SAMPLE, 'RubberWhale.flo')
CONFIG = osp.join(ROOT, 'configs', 'coarse_to_fine_motion',
                  'c2f-motion_resnext18-tiny_2x1x1_flow-gt-rgb-112px.py')
PACK = dict(
    type='PackActionInputs', algorithm_keys=('gt_motion', 'gt_motion_valid'))


def _rgb(name):
    return cv2.cvtColor(cv2.imread(osp.join(SAMPLE, name)), cv2.COLOR_BGR2RGB)


@pytest.fixture
def layouts(tmp_path):
    """The shipped crop in both layouts: ``mb/`` as Middlebury names it,
    ``chairs/`` as FlyingChairs does (PPM frames)."""
    mb = tmp_path / 'mb'
    shutil.copytree(SAMPLE, mb)
    chairs = tmp_path / 'chairs'
    chairs.mkdir()
    for k in '01':
        img = cv2.imread(osp.join(SAMPLE, f'RubberWhale{int(k) + 1}.png'))
        cv2.imwrite(str(chairs / f'0000000-img{k}.ppm'), img)
    shutil.copy(FLO, chairs / '0000000-gt.flo')
    return tmp_path


def _build_list(src, out, *extra, check=True):
    return run_tool([
        sys.executable, 'tools/data/build_flow_pair_list.py',
        str(src), '--out',
        str(out), *extra
    ],
                    check=check)


def _dataset(ann_file, root, pipeline):
    from mmmotion.registry import DATASETS
    with DefaultScope.overwrite_default_scope('mmmotion'):
        return DATASETS.build(
            dict(
                type='FlowPairDataset',
                ann_file=str(ann_file),
                data_prefix=dict(video=str(root)),
                test_mode=True,
                pipeline=pipeline))


# ----------------------------------------------------------------- .flo
def test_flo_round_trip_is_exact_and_atomic(tmp_path):
    rng = np.random.default_rng(0)
    flow = rng.normal(0, 5, (7, 11, 2)).astype(np.float32)
    flow[2, 3] = 1e10  # unknown
    path = tmp_path / 'sub' / 'f.flo'
    write_flo(str(path), flow)
    assert osp.getsize(path) == 12 + 8 * 7 * 11
    assert open(path, 'rb').read(4) == b'PIEH'
    back = read_flo(str(path))
    assert back.dtype == np.float32 and back.shape == (7, 11, 2)
    np.testing.assert_array_equal(back, flow)
    assert os.listdir(path.parent) == ['f.flo']  # no temporary left
    valid = valid_flow_mask(back)
    assert valid.sum() == 7 * 11 - 1 and not valid[2, 3]
    # the shipped sample: RubberWhale's unknown flow survives as stored
    real = read_flo(FLO)
    assert real.shape == (120, 160, 2)
    assert (~valid_flow_mask(real)).sum() == 422
    with pytest.raises(ValueError, match='H x W x 2'):
        write_flo(str(tmp_path / 'g.flo'), flow[..., :1])


def test_bad_flo_files_name_the_file(tmp_path):
    good = open(FLO, 'rb').read()
    bad = tmp_path / 'bad_magic.flo'
    bad.write_bytes(b'P6\n1' + good[4:])
    with pytest.raises(
            BadSampleError, match=r'bad_magic\.flo: bad \.flo '
            'magic'):
        read_flo(str(bad))
    short = tmp_path / 'short.flo'
    short.write_bytes(good[:-8])
    with pytest.raises(BadSampleError, match=r'short\.flo: .*160 x 120'):
        read_flo(str(short))
    tiny = tmp_path / 'tiny.flo'
    tiny.write_bytes(good[:6])
    with pytest.raises(BadSampleError, match=r'tiny\.flo: 6 bytes'):
        read_flo(str(tiny))
    with pytest.raises(BadSampleError, match=r'gone\.flo: cannot read'):
        read_flo(str(tmp_path / 'gone.flo'))


# ------------------------------------------------------------- the lists
def test_list_builder_on_both_layouts(layouts, tmp_path):
    out = tmp_path / 'lists' / 'all.txt'
    proc = _build_list(layouts, out)
    assert '2 pairs' in proc.stdout
    assert out.read_text().splitlines() == [
        'chairs/0000000-img0.ppm chairs/0000000-img1.ppm '
        'chairs/0000000-gt.flo',
        'mb/RubberWhale1.png mb/RubberWhale2.png mb/RubberWhale.flo'
    ]
    # relative to --root
    _build_list(layouts / 'mb', out, '--root', str(layouts))
    assert out.read_text() == (
        'mb/RubberWhale1.png mb/RubberWhale2.png mb/RubberWhale.flo\n')
    _build_list(layouts / 'chairs', out)
    assert out.read_text().split() == [
        '0000000-img0.ppm', '0000000-img1.ppm', '0000000-gt.flo'
    ]


def test_list_builder_names_a_file_without_its_partner(layouts, tmp_path):
    out = tmp_path / 'list.txt'
    os.remove(layouts / 'chairs' / '0000000-gt.flo')
    os.remove(layouts / 'mb' / 'RubberWhale2.png')
    proc = _build_list(layouts, out, check=False)
    assert proc.returncode != 0 and not out.exists()
    err = proc.stderr
    assert 'chairs/0000000-img0.ppm: its partner' in err
    assert 'chairs/0000000-gt.flo is missing' in err
    assert 'mb/RubberWhale.flo: its partner' in err
    assert 'mb/RubberWhale2.png is missing' in err
    # both frames, no flow
    os.remove(layouts / 'mb' / 'RubberWhale.flo')
    shutil.copy(osp.join(SAMPLE, 'RubberWhale2.png'), layouts / 'mb')
    proc = _build_list(layouts / 'mb', out, check=False)
    assert 'RubberWhale1.png: its partner' in proc.stderr
    assert 'RubberWhale.flo is missing' in proc.stderr


# --------------------------------------------------- dataset and pipeline
def test_dataset_yields_the_pair_and_its_flow(layouts, tmp_path):
    lst = tmp_path / 'list.txt'
    _build_list(layouts, lst)
    ds = _dataset(lst, layouts, [
        dict(type='LoadFlowPair'),
        dict(type='FormatShape', input_format='NCTHW'), PACK
    ])
    assert len(ds) == 2
    flow = read_flo(FLO)
    valid = valid_flow_mask(flow)
    for item in (ds[0], ds[1]):  # the PPM copy and the PNG originals
        inputs, s = item['inputs'], item['data_samples']
        assert inputs.shape == (1, 3, 2, 120, 160)
        assert inputs.dtype == torch.uint8
        frames = inputs[0].permute(1, 2, 3, 0).numpy()  # T, H, W, C
        np.testing.assert_array_equal(frames[0], _rgb('RubberWhale1.png'))
        np.testing.assert_array_equal(frames[1], _rgb('RubberWhale2.png'))
        gt, ok = s.gt_motion, s.gt_motion_valid
        assert gt.shape == (2, 1, 120, 160) and gt.dtype == torch.float32
        # unknown flow masked, and zero (finite) in gt_motion
        assert ok.shape == (1, 120, 160) and ok.dtype == torch.bool
        np.testing.assert_array_equal(ok[0].numpy(), valid)
        assert torch.isfinite(gt).all() and (gt[:, 0][:, ~ok[0]] == 0).all()
        np.testing.assert_array_equal(gt[:, 0].permute(1, 2, 0)[ok[0]],
                                      flow[valid])
    # a missing file is named with its line
    lst.write_text(lst.read_text() + 'mb/RubberWhale1.png mb/x.png a.flo\n')
    with pytest.raises(BadSampleError, match=r'mb/x\.png: listed in .*line 3'):
        _dataset(lst, layouts, [])
    lst.write_text('mb/RubberWhale1.png mb/RubberWhale2.png\n')
    with pytest.raises(BadSampleError, match='line 1: expected "frame_t'):
        _dataset(lst, layouts, [])


def test_resize_scales_the_flow_with_the_frames(layouts, tmp_path):
    from mmmotion.datasets.transforms import LoadFlowPair, ResizeFlowPair
    lst = tmp_path / 'list.txt'
    _build_list(layouts / 'mb', lst)
    info = _dataset(lst, layouts / 'mb', []).get_data_info(0)
    flow = read_flo(FLO)
    valid = valid_flow_mask(flow)
    loaded = LoadFlowPair()(dict(info))
    # nearest, by 0.5: pixel (i, j) is the source's (2i, 2j), u and v halved
    out = ResizeFlowPair(scale=0.5, interpolation='nearest')(dict(loaded))
    assert out['img_shape'] == (60, 80)
    assert out['imgs'][0].shape == (60, 80, 3)
    gt, ok = out['gt_motion'][:, 0].numpy(), out['gt_motion_valid'][0].numpy()
    assert gt.shape == (2, 60, 80)
    np.testing.assert_array_equal(ok, valid[::2, ::2])
    np.testing.assert_allclose(
        gt.transpose(1, 2, 0)[ok], 0.5 * flow[::2, ::2][ok], rtol=1e-6)
    # area (the default): the 2 x 2 mean, halved; a block with an unknown
    # pixel is unknown
    out = ResizeFlowPair(scale=0.5)(dict(loaded))
    gt, ok = out['gt_motion'][:, 0].numpy(), out['gt_motion_valid'][0].numpy()
    block_ok = valid.reshape(60, 2, 80, 2).all((1, 3))
    np.testing.assert_array_equal(ok, block_ok)
    mean = flow.reshape(60, 2, 80, 2, 2).mean((1, 3))
    np.testing.assert_allclose(
        gt.transpose(1, 2, 0)[ok], 0.5 * mean[ok], rtol=1e-5, atol=1e-6)
    assert (gt[:, ~ok] == 0).all()
    # u by the x scale, v by the y scale
    out = ResizeFlowPair(
        scale=(40, 90), keep_ratio=False, interpolation='nearest')(
            dict(loaded))
    assert out['img_shape'] == (90, 40)
    gt = out['gt_motion'][:, 0].numpy()
    src = flow[(np.arange(90) * 120 // 90)[:, None], np.arange(40) * 4]
    ok = out['gt_motion_valid'][0].numpy()
    np.testing.assert_allclose(
        gt[0][ok], src[..., 0][ok] * 40 / 160, rtol=1e-6)
    np.testing.assert_allclose(
        gt[1][ok], src[..., 1][ok] * 90 / 120, rtol=1e-6)
    # the short side, as the flow-gt config: 160 x 120 -> 149 x 112
    out = ResizeFlowPair(scale=(-1, 112))(dict(loaded))
    assert out['img_shape'] == (112, 149)
    assert out['gt_motion'].shape == (2, 1, 112, 149)


def test_unknown_flow_from_nan_is_masked(tmp_path):
    from mmmotion.datasets.transforms import LoadFlowPair
    flow = read_flo(FLO).copy()
    flow[5, 7, 1] = np.nan
    write_flo(str(tmp_path / 'nan.flo'), flow)
    out = LoadFlowPair()(
        dict(
            frame_paths=[
                osp.join(SAMPLE, 'RubberWhale1.png'),
                osp.join(SAMPLE, 'RubberWhale2.png')
            ],
            flow_path=str(tmp_path / 'nan.flo')))
    assert not out['gt_motion_valid'][0, 5, 7]
    assert out['gt_motion_valid'].sum() == 120 * 160 - 423
    assert torch.isfinite(out['gt_motion']).all()
    write_flo(str(tmp_path / 'small.flo'), flow[:-1])
    with pytest.raises(
            BadSampleError, match=r'small\.flo: flow of 160 x '
            '119'):
        LoadFlowPair()(
            dict(
                frame_paths=[
                    osp.join(SAMPLE, 'RubberWhale1.png'),
                    osp.join(SAMPLE, 'RubberWhale2.png')
                ],
                flow_path=str(tmp_path / 'small.flo')))


# ----------------------------------------------------------------- metric
def _real_sample():
    """The shipped pair through the test pipeline, as the metric gets it
    (frames on [0, 1], as after the data preprocessor)."""
    from mmmotion.datasets.transforms import LoadFlowPair
    from mmmotion.registry import TRANSFORMS
    with DefaultScope.overwrite_default_scope('mmmotion'):
        fmt = TRANSFORMS.build(dict(type='FormatShape', input_format='NCTHW'))
        pack = TRANSFORMS.build(PACK)
    item = pack(
        fmt(LoadFlowPair()(dict(
            frame_paths=[
                osp.join(SAMPLE, 'RubberWhale1.png'),
                osp.join(SAMPLE, 'RubberWhale2.png')
            ],
            flow_path=FLO))))
    s = item['data_samples']
    return dict(
        frames=item['inputs'][0].float() / 255,
        gt_motion=s.gt_motion,
        gt_motion_valid=s.gt_motion_valid)


def test_metric_epe_over_valid_pixels_beside_the_baselines():
    from mmmotion.evaluation.metrics import MotionWarpMetric
    sample = _real_sample()
    gt, ok = sample['gt_motion'], sample['gt_motion_valid']
    flow = read_flo(FLO)
    valid = valid_flow_mask(flow)
    mean_mag = float(np.linalg.norm(flow[valid], axis=-1).mean())
    assert 2.0 < mean_mag < 2.2
    # the truth, garbage where it is unknown: EPE 0 (the mask is used)
    pred = gt.clone()
    pred[:, ~ok] = 1000.
    metric = MotionWarpMetric(baselines=('dis', 'farneback', 'zero'))
    metric.process(None, [dict(sample, pred_motion=pred)])
    m = metric.compute_metrics(metric.results)
    assert m['pred_epe'] == 0
    # zero motion's EPE is the mean flow magnitude of the valid pixels
    assert m['zero_epe'] == pytest.approx(mean_mag, rel=1e-5)
    # DIS finds much of the real motion
    assert m['dis_epe'] < 0.5 * m['zero_epe']
    assert m['farneback_epe'] < m['zero_epe']
    # the mask also comes from non-finite truth; a sample with no valid
    # pixel has no EPE (NaN, left out of the mean)
    nan_gt = gt.clone()
    nan_gt[:, ~ok] = float('nan')
    none = dict(sample, gt_motion_valid=torch.zeros_like(ok))
    metric = MotionWarpMetric(baselines=('zero', ))
    metric.process(None, [
        dict(sample, gt_motion=nan_gt, gt_motion_valid=None, pred_motion=gt),
        dict(none, pred_motion=gt)
    ])
    m = metric.compute_metrics(metric.results)
    assert m['pred_epe'] == 0
    assert m['zero_epe'] == pytest.approx(mean_mag, rel=1e-5)


def test_metric_tvl1_and_luma_options():
    from mmmotion.evaluation.metrics import MotionWarpMetric
    sample = _real_sample()
    zero = torch.zeros_like(sample['gt_motion'])
    metric = MotionWarpMetric(baselines=('tvl1', 'dis'), grey='luma')
    metric.process(None, [dict(sample, pred_motion=zero)])
    m = metric.compute_metrics(metric.results)
    assert set(m) >= {'tvl1_epe', 'tvl1_l1', 'tvl1_ssim', 'dis_epe'}
    assert m['tvl1_epe'] < 0.5 * m['pred_epe']
    with pytest.raises(ValueError, match='unknown grey'):
        MotionWarpMetric(grey='hsv')
    with pytest.raises(ValueError, match='does not fit'):
        MotionWarpMetric(baselines=('zero', )).process(
            None, [dict(sample, pred_motion=zero, gt_motion=zero[:, :, :-1])])


# ------------------------------------------------------------ test config
def test_test_tool_scores_a_random_model_on_flow_pairs(layouts, tmp_path):
    """tools/test.py with the flow-gt config and a randomly initialised
    checkpoint: 2-frame clips of 149 x 112 (not a multiple of the motion
    stride), EPE of ours beside the baselines."""
    from mmengine.config import Config

    from mmmotion.registry import MODELS
    lst = tmp_path / 'list.txt'
    _build_list(layouts, lst)
    cfg = Config.fromfile(CONFIG)
    assert cfg.test_dataloader.dataset.type == 'FlowPairDataset'
    torch.manual_seed(0)
    with DefaultScope.overwrite_default_scope('mmmotion'):
        model = MODELS.build(cfg.model)
    ckpt = tmp_path / 'random.pth'
    torch.save(dict(state_dict=model.state_dict(), meta=dict()), ckpt)
    work = tmp_path / 'test'
    proc = run_tool([
        sys.executable, 'tools/test.py', CONFIG,
        str(ckpt), '--work-dir',
        str(work), '--cfg-options', f'test_dataloader.dataset.ann_file={lst}',
        f'test_dataloader.dataset.data_prefix.video={layouts}',
        'test_dataloader.num_workers=0'
    ])
    log = proc.stdout + proc.stderr
    assert 'Motion quality on 2 clips' in log
    for row in ('pred', 'dis', 'farneback', 'tvl1', 'zero'):
        assert any(line.split()[:1] == [row] and len(line.split()) == 4
                   for line in log.splitlines()), row
    metrics = json.load(open(glob.glob(f'{work}/*/test_metrics.json')[0]))
    for name in ('pred', 'dis', 'farneback', 'tvl1', 'zero'):
        assert np.isfinite(metrics[f'motion/{name}_epe'])
    # the same pair twice: zero motion's EPE is its mean flow magnitude at
    # 149 x 112
    assert 1.8 < metrics['motion/zero_epe'] < 2.0
    assert metrics['motion/dis_epe'] < metrics['motion/zero_epe']
