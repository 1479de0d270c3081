"""The natural-RGB pretraining set: training and held-out lists.

    python tools/data/natural_rgb/build_lists.py --src ../shared/data \
        --out data/natural_rgb [--check]

Training: the clips of ``natural_rgb/`` (walking people, traffic, animals,
cartoons, camera pans; provenance in ``../shared/data/README.md``) not held
out, plus every clip of ``unlabeled_rgb/`` (ASL gestures and three MMAction2
demo clips). Held out for motion quality: the whole clips in ``HELD_OUT``,
never frames of a training clip. Ours: the held-out clips cover each kind of
motion in the set (an animal, traffic, people walking, a film, a cartoon, a
sport clip with a moving camera), about a fifth of the clips; the two
``face-demographics`` previews come from one recording, so both are held
out; the three Big Buck Bunny cuts all stay in training for the same
reason.

Writes ``natural_rgb_train_list.txt`` and ``natural_rgb_heldout_list.txt``
(one path a line, relative to ``--src``: the datasets'
``data_prefix['video']``), atomically. A held-out clip that is missing is an
error naming it. ``--check`` first checks every file as
``tools/data/check_videos.py`` does and leaves bad ones out, reported.
"""
import argparse
import importlib.util
import os
import os.path as osp
import sys

from mmmotion.datasets.motion_video_dataset import VIDEO_EXTENSIONS
from mmmotion.utils.atomic_io import write_text_atomic

HELD_OUT = (
    'natural_rgb/imageio_cockatoo.mp4',
    'natural_rgb/intel_car-detection.mp4',
    'natural_rgb/intel-preview_face-demographics-walking.mp4',
    'natural_rgb/intel-preview_face-demographics-walking-and-pause.mp4',
    'natural_rgb/moviepy_chaplin.mp4',
    'natural_rgb/moviepy_pigs_in_a_polka.mp4',
    'natural_rgb/ucf101_v_CricketShot_g04_c01.mp4',
)
FOLDERS = ('natural_rgb', 'unlabeled_rgb')


def _load_helper(*parts):
    """A module of ``tools/data`` by its path (``tools/`` is no package)."""
    path = osp.join(osp.dirname(osp.abspath(__file__)), *parts)
    spec = importlib.util.spec_from_file_location(
        osp.splitext(parts[-1])[0], path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def split(src: str):
    """(training, held-out) paths relative to ``src``."""
    files = []
    for folder in FOLDERS:
        d = osp.join(src, folder)
        if not osp.isdir(d):
            raise SystemExit(f'{d}: not a folder (is --src ../shared/data?)')
        files += [
            f'{folder}/{n}' for n in sorted(os.listdir(d))
            if n.lower().endswith(VIDEO_EXTENSIONS)
        ]
    missing = [h for h in HELD_OUT if h not in files]
    if missing:
        raise SystemExit(f'{src}: held-out clips missing: {missing}')
    return ([f for f in files if f not in HELD_OUT], list(HELD_OUT))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--src', default='../shared/data')
    p.add_argument('--out', default='data/natural_rgb')
    p.add_argument('--check', action='store_true')
    args = p.parse_args(argv)
    train, held = split(args.src)
    if args.check:
        check_one = _load_helper('..', 'check_videos.py').check_one
        for lst in (train, held):
            for f in list(lst):
                why = check_one(osp.join(args.src, f), False, 300, True)[0]
                if why:
                    print(f'left out {f}: {why}')
                    lst.remove(f)
    for name, lst in (('train', train), ('heldout', held)):
        out = osp.join(args.out, f'natural_rgb_{name}_list.txt')
        write_text_atomic(out, ''.join(f + '\n' for f in lst))
        print(f'{len(lst)} clips -> {out}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
