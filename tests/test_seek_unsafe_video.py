"""A video whose seeks decode wrong reads right through SafeDecordInit.

``imageio_cockatoo.mp4`` (a held-out natural-RGB clip, 280 frames, 720p)
has key frames at 0, 76 and 145 that are no clean entry points: decord's
seek to frame 100 gives a grey frame (about 80 grey levels off), with no
error. The check finds it, and the frames read through the pipeline are
those of an in-order decode.
"""
import os.path as osp

import numpy as np
import pytest

from mmmotion.datasets.forward_reader import ForwardReader
from mmmotion.datasets.video_check import video_facts

DATA = osp.join(osp.dirname(__file__), 'data', 'natural_rgb')
UNSAFE = osp.join(DATA, 'imageio_cockatoo.mp4')
CLEAN = osp.join(DATA, 'imageio_realshort.mp4')


@pytest.fixture(autouse=True)
def _own_check_cache(tmp_path, monkeypatch):
    monkeypatch.setenv('MMMOTION_VIDEO_CHECK_CACHE',
                       str(tmp_path / 'check_cache'))


def in_order(path, inds):
    import decord
    reader = decord.VideoReader(path)
    frames = reader.get_batch(list(range(max(inds) + 1))).asnumpy()
    return frames[list(inds)]


def test_check_finds_the_seek_unsafe_file_and_not_a_clean_one():
    facts = video_facts(UNSAFE)
    assert facts['frames'] == 280
    assert facts['seek_safe_until'] == 76
    assert facts['seek_error'] > 20
    clean = video_facts(CLEAN)
    assert 'seek_safe_until' not in clean
    assert clean['seek_error'] <= 1.0
    # a sparse check decodes no frame in order: it cannot tell
    assert 'seek_error' not in video_facts(UNSAFE, full=False)


def test_pipeline_reads_the_frames_of_an_in_order_decode():
    from mmaction.datasets.transforms import DecordDecode

    from mmmotion.datasets.transforms import SafeDecordInit
    inds = np.array([100, 102, 104, 40])
    out = SafeDecordInit()(dict(filename=UNSAFE, start_index=0))
    assert isinstance(out['video_reader'], ForwardReader)
    out['frame_inds'] = inds
    imgs = np.stack(DecordDecode()(out)['imgs']).astype(np.float32)
    ref = in_order(UNSAFE, inds).astype(np.float32)
    assert np.abs(imgs - ref).mean() == 0
    # what a plain seek gives (the bug the reader avoids)
    import decord
    cold = decord.VideoReader(UNSAFE).get_batch([100]).asnumpy()[0]
    assert np.abs(cold.astype(np.float32) - ref[0]).mean() > 20


def test_forward_reader_keeps_order_and_reads_windows_in_one_pass():
    import decord
    reader = ForwardReader(decord.VideoReader(CLEAN), safe_until=0)
    ref = in_order(CLEAN, range(30))
    got = reader.get_batch([5, 3, 3, 7]).asnumpy()
    np.testing.assert_array_equal(got, ref[[5, 3, 3, 7]])
    # left to right: no seek back to frame 0 between windows
    reader.get_batch([10, 11])
    assert reader._next == 12
    np.testing.assert_array_equal(
        reader.get_batch([12, 14]).asnumpy(), ref[[12, 14]])
    np.testing.assert_array_equal(reader[2].asnumpy(), ref[2])
    with pytest.raises(IndexError, match='out of range'):
        reader.get_batch([len(reader)])
