"""Datasets and transforms on real clips, and every kind of bad input."""
import importlib.util
import logging
import os.path as osp
import shutil
import sys

import numpy as np
import pytest
from conftest import ROOT, TEST_DATA, dying_save, run_tool

import mmmotion  # noqa: F401
from mmmotion.datasets import (BadSampleError, MotionVideoDataset,
                               UnlabeledVideoDataset)

RGB_PIPELINE = [
    dict(type='DecordInit'),
    dict(type='SampleFrames', clip_len=4, frame_interval=2, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 32)),
    dict(type='CenterCrop', crop_size=32),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
DEPTH_PIPELINE = [
    dict(type='DepthInit'),
    dict(type='UniformSample', clip_len=4, num_clips=1),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=(-1, 36)),
    dict(type='CenterCrop', crop_size=32),
    dict(type='DepthNormalize'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]


def _write(path, text):
    with open(path, 'w') as f:
        f.write(text)
    return str(path)


def test_msr_conversion_lists_and_depth_clip(msr_mini):
    train = open(f'{msr_mini}/msr_action3d_train_list.txt').read().split()
    val = open(f'{msr_mini}/msr_action3d_val_list.txt').read().split()
    # 22 shipped files: subjects 1, 3, 5 train; 2, 4, 6 test
    assert len(train) // 2 + len(val) // 2 == 22
    assert all('_s01_' in f or '_s03_' in f or '_s05_' in f
               for f in train[::2])
    arr = np.load(osp.join(msr_mini, train[0]))
    assert arr.dtype == np.uint16 and arr.ndim == 3 and arr.shape[1:] == (240,
                                                                          320)
    ds = MotionVideoDataset(
        f'{msr_mini}/msr_action3d_train_list.txt',
        DEPTH_PIPELINE,
        data_prefix=dict(video=msr_mini),
        num_classes=20)
    x = ds[0]['inputs']
    assert tuple(x.shape) == (1, 1, 4, 32, 32)
    v = x.float()
    assert v.max() <= 1.0 and v.min() >= 0 and v.max() > 0.5


def test_conversion_resumes_and_leaves_no_partial_file(tmp_path, monkeypatch):
    path = osp.join(ROOT, 'tools', 'data', 'msr_action3d', 'convert.py')
    spec = importlib.util.spec_from_file_location('msr_action3d_convert', path)
    convert = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(convert)
    src = str(tmp_path / 'src')
    shutil.copytree(osp.join(TEST_DATA, 'msr_action3d'), src)
    out = str(tmp_path / 'out')
    real_save = np.save

    monkeypatch.setattr(convert.np, 'save', dying_save(real_save))
    with pytest.raises(KeyboardInterrupt):
        convert.main(['--src', src, '--out', out])
    written = sorted(p for p in __import__('os').listdir(f'{out}/depth'))
    assert len(written) == 2  # the first two, complete; nothing else
    for name in written:
        assert np.load(f'{out}/depth/{name}').ndim == 3
    monkeypatch.setattr(convert.np, 'save', real_save)
    convert.main(['--src', src, '--out', out])
    assert len(__import__('os').listdir(f'{out}/depth')) == 22


def test_rgb_video_and_unlabeled_folder():
    ds = UnlabeledVideoDataset(
        '', RGB_PIPELINE, data_prefix=dict(video=f'{TEST_DATA}/unlabeled_rgb'))
    assert len(ds) == 2
    item = ds[1]
    assert tuple(item['inputs'].shape) == (1, 3, 4, 32, 32)
    assert item['data_samples'].gt_label.item() == -1


def test_build_file_list_tool(tmp_path):
    out = tmp_path / 'list.txt'
    run_tool([
        sys.executable, 'tools/data/build_file_list.py',
        f'{TEST_DATA}/unlabeled_rgb', f'{TEST_DATA}/ud810', '--root',
        TEST_DATA, '--out',
        str(out), '--check'
    ])
    lines = out.read_text().split()
    assert lines == [
        'unlabeled_rgb/milk.mkv', 'unlabeled_rgb/thanks.mkv',
        'ud810/PS7A2P2T1.avi'
    ] or sorted(lines) == sorted([
        'unlabeled_rgb/milk.mkv', 'unlabeled_rgb/thanks.mkv',
        'ud810/PS7A2P2T1.avi'
    ])
    ds = UnlabeledVideoDataset(
        str(out), RGB_PIPELINE, data_prefix=dict(video=TEST_DATA))
    assert len(ds) == 3


def test_ud810_folds(tmp_path):
    src = tmp_path / 'videos'
    src.mkdir()
    for p in (1, 2, 3):
        for a in (1, 2):
            shutil.copy(f'{TEST_DATA}/ud810/PS7A2P2T1.avi',
                        src / f'PS7A{a}P{p}T1.avi')
    out = tmp_path / 'ud810'
    run_tool([
        sys.executable, 'tools/data/ud810/build_annotations.py', '--src',
        str(src), '--out',
        str(out)
    ])
    for k in (1, 2, 3):
        val = (out / f'ud810_fold{k}_val_list.txt').read_text().split('\n')
        train = (out / f'ud810_fold{k}_train_list.txt').read_text().split()
        assert f'PS7A1P{k}T1.avi 0' in val and f'PS7A2P{k}T1.avi 1' in val
        assert len(train) == 8 and all(f'P{k}T' not in t for t in train)
    every = (out / 'ud810_all_list.txt').read_text().split('\n')
    assert len([line for line in every if line]) == 6
    ds = MotionVideoDataset(
        str(out / 'ud810_fold1_val_list.txt'),
        RGB_PIPELINE,
        data_prefix=dict(video=str(out / 'videos')))
    assert ds[1]['data_samples'].gt_label.item() == 1


# ----------------------------------------------------------------- bad input
def test_corrupt_video_names_file(tmp_path):
    bad = tmp_path / 'truncated.mkv'
    bad.write_bytes(
        open(f'{TEST_DATA}/unlabeled_rgb/milk.mkv', 'rb').read()[:3000])
    ds = UnlabeledVideoDataset(
        '', RGB_PIPELINE, data_prefix=dict(video=str(tmp_path)))
    with pytest.raises(BadSampleError, match='truncated.mkv'):
        ds[0]


def test_missing_file_names_file_or_is_skipped(tmp_path):
    shutil.copy(f'{TEST_DATA}/unlabeled_rgb/milk.mkv', tmp_path / 'ok.mkv')
    ann = _write(tmp_path / 'list.txt', 'ok.mkv 0\nnot_there.mkv 1\n')
    with pytest.raises(BadSampleError, match='not_there.mkv'):
        MotionVideoDataset(
            ann, RGB_PIPELINE, data_prefix=dict(video=str(tmp_path)))
    ds = MotionVideoDataset(
        ann,
        RGB_PIPELINE,
        data_prefix=dict(video=str(tmp_path)),
        skip_invalid=True)
    assert len(ds) == 1
    assert ds.skipped == [str(tmp_path / 'not_there.mkv')]


def test_short_clip_names_file_and_counts():
    ds = UnlabeledVideoDataset(
        '', [
            dict(type='DecordInit'),
            dict(type='CheckFrameCount', min_frames=100000)
        ],
        data_prefix=dict(video=f'{TEST_DATA}/unlabeled_rgb'))
    with pytest.raises(
            BadSampleError,
            match=r'milk.mkv: \d+ frames, fewer than the 100000'):
        ds[0]


@pytest.mark.parametrize('line,why', [
    ('a.mkv', 'expected "path label"'),
    ('a.mkv x', 'label is not an integer'),
    ('a.mkv 1 2', 'expected "path label"'),
    ('a.mkv 25', 'label out of range'),
])
def test_bad_annotation_line_names_file_and_line(tmp_path, line, why):
    shutil.copy(f'{TEST_DATA}/unlabeled_rgb/milk.mkv', tmp_path / 'a.mkv')
    ann = _write(tmp_path / 'ann.txt', f'a.mkv 0\n\n{line}\n')
    with pytest.raises(BadSampleError, match=rf'ann.txt, line 3: {why}'):
        MotionVideoDataset(
            ann,
            RGB_PIPELINE,
            data_prefix=dict(video=str(tmp_path)),
            num_classes=20)


@pytest.mark.parametrize('arr,why', [
    (np.zeros((4, 8, 8), np.int64), 'dtype int64'),
    (np.zeros((8, 8), np.uint16), 'expected a T x H x W'),
    (np.zeros((0, 8, 8), np.uint16), 'no frames'),
])
def test_bad_depth_file_names_file(tmp_path, arr, why):
    np.save(tmp_path / 'bad.npy', arr)
    ann = _write(tmp_path / 'ann.txt', 'bad.npy 0\n')
    ds = MotionVideoDataset(
        ann, DEPTH_PIPELINE, data_prefix=dict(video=str(tmp_path)))
    with pytest.raises(BadSampleError, match=f'bad.npy.*{why}'):
        ds[0]


def test_depth_frame_size_checked(tmp_path):
    np.save(tmp_path / 'small.npy', np.ones((5, 8, 8), np.uint16))
    from mmmotion.datasets import DepthInit
    with pytest.raises(BadSampleError, match='small.npy: frames are 8x8'):
        DepthInit(frame_shape=(240, 320))(
            dict(filename=str(tmp_path / 'small.npy')))


def test_skip_invalid_replaces_and_logs_bad_samples(tmp_path):
    shutil.copy(f'{TEST_DATA}/unlabeled_rgb/milk.mkv', tmp_path / 'good.mkv')
    (tmp_path / 'broken.mkv').write_bytes(b'not a video at all')
    ann = _write(tmp_path / 'ann.txt', 'broken.mkv 1\ngood.mkv 0\n')
    ds = MotionVideoDataset(
        ann,
        RGB_PIPELINE,
        data_prefix=dict(video=str(tmp_path)),
        skip_invalid=True)
    from mmengine.logging import MMLogger
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = MMLogger.get_current_instance()
    logger.addHandler(handler)
    try:
        item = ds[0]
    finally:
        logger.removeHandler(handler)
    assert item['data_samples'].gt_label.item() == 0  # the good one instead
    # the random replacement may hit the broken file more than once
    assert set(ds.skipped) == {str(tmp_path / 'broken.mkv')}
    text = '\n'.join(r.getMessage() for r in records)
    assert 'broken.mkv' in text and '1 skipped so far' in text


def test_non_overlapping_clips_cover_the_video(msr_mini):
    from mmmotion.datasets import NonOverlappingClips
    t = NonOverlappingClips(clip_len=5, frame_interval=2)
    r = t(dict(total_frames=23, start_index=0))
    assert r['num_clips'] == 2
    assert list(r['frame_inds']) == [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]
    short = t(dict(total_frames=7, start_index=0))
    assert short['num_clips'] == 1 and list(
        short['frame_inds']) == [0, 2, 4, 6, 1]
    capped = NonOverlappingClips(
        2, max_clips=3)(
            dict(total_frames=100, start_index=0))
    assert capped['num_clips'] == 3 and capped['frame_inds'][-1] == 99
    ds = MotionVideoDataset(
        f'{msr_mini}/msr_action3d_val_list.txt', [
            dict(type='DepthInit'),
            dict(type='NonOverlappingClips', clip_len=5, frame_interval=2),
            dict(type='DepthDecode'),
            dict(type='Resize', scale=(16, 16), keep_ratio=False),
            dict(type='DepthNormalize'),
            dict(type='FormatShape', input_format='NCTHW'),
            dict(type='PackActionInputs')
        ],
        data_prefix=dict(video=msr_mini),
        test_mode=True)
    item = ds[0]
    n = np.load(ds.get_data_info(0)['filename'], mmap_mode='r').shape[0]
    assert tuple(item['inputs'].shape) == (max(1, n // 10), 1, 5, 16, 16)


def test_ntu_lists_follow_the_official_protocols(tmp_path):
    src = tmp_path / 'rgb'
    src.mkdir()
    names = [
        'S001C001P001R001A001_rgb.avi',  # xsub train, xview val
        'S001C002P003R002A060_rgb.avi',  # xsub val, xview train
        'S017C003P038R001A013_rgb.avi',  # xsub train, xview train
        'S018C001P041R001A061_rgb.avi',  # NTU-120 action: skipped
        'notes_rgb.avi'
    ]  # not an NTU name: skipped
    for n in names:
        (src / n).write_bytes(b'')
    out = tmp_path / 'lists'
    res = run_tool([
        sys.executable, 'tools/data/ntu_rgbd/build_lists.py', '--src',
        str(src), '--out',
        str(out), '--modality', 'rgb'
    ])
    assert 'skipped 2 files' in res.stdout

    def read(name):
        return (out / name).read_text().split('\n')[:-1]

    assert read('ntu60_xsub_train_rgb_list.txt') == [
        'S001C001P001R001A001_rgb.avi 0', 'S017C003P038R001A013_rgb.avi 12'
    ]
    assert read('ntu60_xsub_val_rgb_list.txt') == [
        'S001C002P003R002A060_rgb.avi 59'
    ]
    assert read('ntu60_xview_val_rgb_list.txt') == [
        'S001C001P001R001A001_rgb.avi 0'
    ]
    assert len(read('ntu60_xview_train_rgb_list.txt')) == 2
