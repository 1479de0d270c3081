"""EvenUniformSample: the test frames of UniformSample, even gaps in
training (issue 17's recognizer)."""
import numpy as np
import pytest
from mmaction.datasets.transforms import UniformSample

from mmmotion.datasets.transforms import EvenUniformSample


@pytest.mark.parametrize('num_frames', [13, 16, 19, 26, 40, 57, 100])
def test_test_mode_gives_uniform_sample_test_frames(num_frames):
    ours = EvenUniformSample(16, test_mode=True).frame_indices(num_frames)
    theirs = UniformSample(16, 1, test_mode=True)._get_sample_clips(num_frames)
    assert (ours == theirs).all()


@pytest.mark.parametrize('num_frames', [19, 40, 57, 100])
def test_training_gaps_are_even_and_the_offset_moves(num_frames):
    rng_state = np.random.get_state()
    np.random.seed(0)
    seg = (num_frames - 1) / 16
    firsts = set()
    for _ in range(50):
        inds = EvenUniformSample(16).frame_indices(num_frames)
        gaps = np.diff(inds)
        # one segment up to rounding, never 0 or 2 segments as UniformSample
        assert gaps.min() >= np.floor(seg) and gaps.max() <= np.ceil(seg)
        assert inds.min() >= 0 and inds.max() <= num_frames - 1
        firsts.add(int(inds[0]))
    np.random.set_state(rng_state)
    assert len(firsts) > 1  # the clip's start is random
    # what it replaces: independent draws give gaps far from one segment
    np.random.seed(0)
    theirs = np.diff(UniformSample(16, 1)._get_sample_clips(num_frames))
    assert theirs.max() - theirs.min() > 1


def test_transform_sets_the_keys_the_decoders_read():
    res = EvenUniformSample(16).transform(dict(total_frames=40, start_index=0))
    assert res['frame_inds'].dtype == np.int32 and len(res['frame_inds']) == 16
    assert res['clip_len'] == 16 and res['num_clips'] == 1
    with pytest.raises(ValueError, match='clip_len'):
        EvenUniformSample(0)
