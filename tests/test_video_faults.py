"""No broken video can kill a run: broken files of every kind, made here from
the real clips in tests/data, each (1) refused with an error naming it,
(2) skipped by name and counted in a training run with 2 loader workers
(``tools/train.py``, and a 2-process ``tools/dist_train.sh``), (3) named
by the pre-flight tool; and a loader worker that dies anyway (MMAction2's
``DecordInit`` on a truncated AVI) ends the run with the file named, the
checkpoints intact and ``--resume`` working."""
import os
import os.path as osp
import shutil
import struct
import sys

import cv2
import pytest
from conftest import ROOT, TEST_DATA, run_tool

from mmmotion.datasets import BadSampleError, MotionVideoDataset

CONFIG = osp.join(ROOT, 'tests', 'configs', 'tiny_r3d_rgb.py')
AVI = osp.join(TEST_DATA, 'ud810', 'PS7A2P2T1.avi')
MKV = osp.join(TEST_DATA, 'unlabeled_rgb', 'milk.mkv')
PIPELINE = [
    dict(type='SafeDecordInit'),
    dict(type='CheckFrameCount', min_frames=8),
    dict(type='SampleFrames', clip_len=4, frame_interval=2, num_clips=1),
    dict(type='DecordDecode')
]


def _frames(path):
    cap = cv2.VideoCapture(path)
    out = []
    while True:
        ok, f = cap.read()
        if not ok:
            return out
        out.append(f)


def _write_video(path, frames, fourcc):
    h, w = frames[0].shape[:2]
    writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*fourcc), 15, (w, h))
    for f in frames:
        writer.write(f)
    writer.release()


def _boxes(data):
    pos, out = 0, {}
    while pos < len(data):
        size = struct.unpack('>I', data[pos:pos + 4])[0]
        out[data[pos + 4:pos + 8]] = (pos, size)
        pos += size
    return out


def make_broken(folder):
    """{kind: file name} of broken files, and the good ones, in ``folder``."""
    avi, mkv = open(AVI, 'rb').read(), open(MKV, 'rb').read()
    mp4_path = osp.join(folder, 'source.mp4')
    _write_video(mp4_path, _frames(AVI), 'mp4v')
    mp4 = open(mp4_path, 'rb').read()
    os.remove(mp4_path)
    files = {}

    def put(kind, name, data):
        with open(osp.join(folder, name), 'wb') as f:
            f.write(data)
        files[kind] = name

    # truncated copies, at several cut points (20000 bytes of this AVI,
    # given to decord as bytes, segfaults it)
    for cut in (5000, 20000, int(0.6 * len(avi))):
        put(f'avi-cut-{cut}', f'cut{cut}.avi', avi[:cut])
    for frac in (0.3, 0.7):
        put(f'mp4-cut-{frac}', f'cut{int(frac * 100)}.mp4',
            mp4[:int(frac * len(mp4))])
    for cut in (3000, len(mkv) // 2):
        put(f'mkv-cut-{cut}', f'cut{cut}.mkv', mkv[:cut])
    put('zero-bytes', 'zero.mp4', b'')
    put('text', 'text.mp4', b'this is not a video\n' * 20)
    put('no-permission', 'noperm.avi', avi)
    os.chmod(osp.join(folder, 'noperm.avi'), 0)
    # an MP4 whose header (moov) declares every frame, with half the frame
    # data gone and the box sizes made consistent again
    box = _boxes(mp4)
    mp, ms = box[b'mdat']
    op, os_ = box[b'moov']
    half = (ms - 8) // 2
    put(
        'more-frames-declared', 'lying.mp4',
        mp4[:mp] + struct.pack('>I', 8 + half) + b'mdat' +
        mp4[mp + 8:mp + 8 + half] + mp4[op:op + os_])
    # a real clip shorter than the sampling needs (8 frames)
    _write_video(osp.join(folder, 'short.avi'), _frames(AVI)[:3], 'MJPG')
    files['too-short'] = 'short.avi'
    good = ['good1.avi', 'good2.mkv', 'good3.mkv']
    shutil.copy(AVI, osp.join(folder, good[0]))
    shutil.copy(MKV, osp.join(folder, good[1]))
    shutil.copy(
        osp.join(TEST_DATA, 'unlabeled_rgb', 'thanks.mkv'),
        osp.join(folder, good[2]))
    return files, good


@pytest.fixture(scope='module')
def broken(tmp_path_factory):
    folder = str(tmp_path_factory.mktemp('broken_videos'))
    files, good = make_broken(folder)
    # bad files first, between good ones and last
    bad = list(files.values())
    order = [bad[0]] + good[:1] + bad[1:len(bad) // 2] + good[1:2] + \
        bad[len(bad) // 2:-1] + good[2:] + [bad[-1]]
    with open(osp.join(folder, 'list.txt'), 'w') as f:
        f.write(''.join(f'{n} {i % 2}\n' for i, n in enumerate(order)))
    return folder, files, good


@pytest.fixture(autouse=True)
def _own_check_cache(tmp_path, monkeypatch):
    monkeypatch.setenv('MMMOTION_VIDEO_CHECK_CACHE',
                       str(tmp_path / 'check_cache'))


KINDS = [
    'avi-cut-5000', 'avi-cut-20000', 'avi-cut-80880', 'mp4-cut-0.3',
    'mp4-cut-0.7', 'mkv-cut-3000', 'mkv-cut-59095', 'zero-bytes', 'text',
    'no-permission', 'more-frames-declared', 'too-short'
]


def test_every_kind_is_made(broken):
    assert sorted(broken[1]) == sorted(KINDS)


@pytest.mark.parametrize('kind', KINDS)
def test_each_kind_is_refused_naming_the_file(broken, kind, tmp_path):
    folder, files, _ = broken
    name = files[kind]
    ann = tmp_path / 'one.txt'
    ann.write_text(f'{name} 0\n')
    ds = MotionVideoDataset(str(ann), PIPELINE, data_prefix=dict(video=folder))
    with pytest.raises(BadSampleError, match=name.replace('.', r'\.')):
        ds[0]


def test_good_files_pass_and_the_check_is_cached(broken, tmp_path):
    folder, _, good = broken
    ann = tmp_path / 'good.txt'
    ann.write_text(''.join(f'{n} 0\n' for n in good))
    ds = MotionVideoDataset(str(ann), PIPELINE, data_prefix=dict(video=folder))
    assert [ds[i]['total_frames'] > 0 for i in range(3)] == [True] * 3
    cached = os.listdir(os.environ['MMMOTION_VIDEO_CHECK_CACHE'])
    assert len(cached) == 3


def test_preflight_tool_names_every_bad_file(broken, tmp_path):
    folder, files, good = broken
    out, report = tmp_path / 'clean.txt', tmp_path / 'report.tsv'
    res = run_tool([
        sys.executable, 'tools/data/check_videos.py',
        osp.join(folder, 'list.txt'), '--workers', '2', '--out',
        str(out), '--report',
        str(report)
    ],
                   check=False)
    assert res.returncode == 1, res.stdout + res.stderr
    rows = dict(ln.split('\t', 1) for ln in report.read_text().splitlines())
    named = {osp.basename(p) for p in rows}
    # every bad file but the short one: it decodes; only a pipeline knows
    # how many frames it needs (CheckFrameCount)
    assert named == set(files.values()) - {'short.avi'}
    assert rows[osp.join(folder, 'cut20000.avi')].startswith('truncated')
    assert rows[osp.join(folder, 'noperm.avi')] == 'no read permission'
    kept = [ln.split()[0] for ln in out.read_text().splitlines()]
    assert set(kept) == set(good) | {'short.avi'}


def _train(args, folder, work_dir, check=True, timeout=600):
    return run_tool(
        args + [
            '--work-dir',
            str(work_dir), '--cfg-options',
            f'train_dataloader.dataset.ann_file={folder}/list.txt',
            f'train_dataloader.dataset.data_prefix.video={folder}'
        ],
        check=check,
        timeout=timeout)


def _log_text(work_dir):
    logs = [
        osp.join(d, f) for d, _, fs in os.walk(work_dir) for f in fs
        if f.endswith('.log')
    ]
    return '\n'.join(open(p).read() for p in logs)


def test_training_skips_each_bad_file_by_name(broken, tmp_path):
    folder, files, _ = broken
    res = _train([sys.executable, 'tools/train.py', CONFIG], folder,
                 tmp_path / 'work')
    text = res.stdout + res.stderr + _log_text(tmp_path / 'work')
    assert osp.isfile(tmp_path / 'work' / 'epoch_2.pth')
    for name in files.values():
        assert f'skipped {osp.join(folder, name)}:' in text, name
    assert 'skipped so far)' in text
    assert f'{len(files)} file(s) skipped in this run' in text


def test_two_process_training_skips_bad_files(broken, tmp_path):
    folder, files, _ = broken
    res = _train(['bash', 'tools/dist_train.sh', CONFIG, '2'],
                 folder,
                 tmp_path / 'work',
                 timeout=900)
    text = res.stdout + res.stderr + _log_text(tmp_path / 'work')
    assert osp.isfile(tmp_path / 'work' / 'epoch_2.pth')
    # the two processes split the list; together they meet every bad file
    for name in files.values():
        assert f'skipped {osp.join(folder, name)}:' in text, name


def test_a_dead_worker_names_its_file_and_resume_continues(broken, tmp_path):
    """MMAction2's DecordInit hands decord the file as bytes: on the
    truncated AVI the worker segfaults. The run ends naming the file; the
    checkpoint of the epoch before stays; --resume continues from it."""
    folder, files, good = broken
    work = tmp_path / 'work'
    good_list = tmp_path / 'good' / 'list.txt'
    good_list.parent.mkdir()
    for n in good:
        shutil.copy(osp.join(folder, n), good_list.parent / n)
    good_list.write_text(''.join(f'{n} {i % 2}\n'
                                 for i, n in enumerate(good * 2)))
    decord_init = [
        'train_dataloader.dataset.pipeline.0.type=DecordInit',
        'train_dataloader.dataset.pipeline.1.min_frames=1'
    ]
    first = run_tool([
        sys.executable, 'tools/train.py', CONFIG, '--work-dir',
        str(work), '--cfg-options',
        f'train_dataloader.dataset.ann_file={good_list}',
        f'train_dataloader.dataset.data_prefix.video={good_list.parent}',
        'train_cfg.max_epochs=1'
    ] + decord_init)
    assert first.returncode == 0 and osp.isfile(work / 'epoch_1.pth')
    crash_dir = tmp_path / 'crash'
    crash_dir.mkdir()
    for n in good:
        shutil.copy(osp.join(folder, n), crash_dir / n)
    shutil.copy(
        osp.join(folder, files['avi-cut-20000']), crash_dir / 'cut20000.avi')
    (crash_dir / 'list.txt').write_text(''.join(
        f'{n} {i % 2}\n'
        for i, n in enumerate(good + ['cut20000.avi'] + good)))
    crash = run_tool(
        [
            sys.executable, 'tools/train.py', CONFIG, '--work-dir',
            str(work), '--resume', '--cfg-options',
            f'train_dataloader.dataset.ann_file={crash_dir}/list.txt',
            f'train_dataloader.dataset.data_prefix.video={crash_dir}'
        ] + decord_init,
        check=False)
    assert crash.returncode != 0
    assert 'DataLoader worker' in crash.stderr
    assert f'({crash_dir}/cut20000.avi), worker pid' in crash.stderr
    assert not osp.exists(work / 'epoch_2.pth')
    resumed = run_tool([
        sys.executable, 'tools/train.py', CONFIG, '--work-dir',
        str(work), '--resume', '--cfg-options',
        f'train_dataloader.dataset.ann_file={good_list}',
        f'train_dataloader.dataset.data_prefix.video={good_list.parent}'
    ] + decord_init)
    assert 'resumed epoch: 1' in resumed.stdout + resumed.stderr + \
        _log_text(work)
    assert osp.isfile(work / 'epoch_2.pth')


@pytest.mark.parametrize('body,why', [
    ('import os, signal; os.kill(os.getpid(), signal.SIGSEGV)',
     r'the decoder crashed \(SIGSEGV\)'),
    ('import time; time.sleep(30)', 'the decoder did not finish in 2 s'),
    ('raise SystemExit(3)', r'the probe failed \(exit 3\)'),
])
def test_a_crash_or_hang_in_the_check_names_the_file(tmp_path, monkeypatch,
                                                     body, why):
    """What the child process of the check does when decord crashes or
    hangs on a file: the caller gets an error naming it, and lives."""
    from mmmotion.datasets import video_check
    probe = tmp_path / 'probe.py'
    probe.write_text(body + '\n')
    monkeypatch.setattr(video_check, 'PROBE', str(probe))
    video = tmp_path / 'clip.avi'
    shutil.copy(AVI, video)
    with pytest.raises(BadSampleError, match=f'clip.avi: {why}'):
        video_check.check_video(str(video), timeout=2)
    # what the decoder said is remembered; a hang or a failed probe is not
    cache = os.environ['MMMOTION_VIDEO_CHECK_CACHE']
    kept = os.listdir(cache) if osp.isdir(cache) else []
    assert len(kept) == (1 if 'SIGSEGV' in why else 0)
