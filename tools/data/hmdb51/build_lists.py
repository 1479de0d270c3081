"""Write the three HMDB51 train/test splits from the official split files.

    python tools/data/hmdb51/build_lists.py \
        --splits-dir data/hmdb51/testTrainMulti_7030_splits \
        --video-root data/hmdb51/videos --out data/hmdb51

``--splits-dir`` holds the official ``testTrainMulti_7030_splits`` files
(Kuehne et al., HMDB, ICCV 2011): ``<class>_test_split{1,2,3}.txt``, one a
class and split, lines "<video name>.avi <id>" with id 1 = train, 2 = test,
0 = unused. Class names contain underscores (``brush_hair_test_split1.txt``,
``shoot_ball_test_split1.txt``), so a file name is read as
``^(.+)_test_split([123])\\.txt$``. The classes are the ``<class>`` prefixes
sorted alphabetically, label = index (0-based), the order of MMAction2's
HMDB51 class index. Official HMDB51: 51 classes, 70 train and 30 test videos
per class and split (the rest id 0).

Writes ``<out>/hmdb51_{train,val}_split_{k}_videos.txt`` (MMAction2's names)
for each split k of ``--splits`` (default 1 2 3), lines
"<class>/<video name>.avi label", classes in order and each class's videos
in its file's order, atomically; paths are relative to the folder holding the
class folders (the dataset's ``data_prefix``). With ``--video-root`` (that
folder) every train or test video must exist there: missing ones are
counted, listed on stderr (all of them in ``<out>/hmdb51_missing_videos.txt``)
and left out of the lists; if none is there the tool stops (a wrong
``--video-root``). A video listed twice with the same id is kept once and
reported. Malformed inputs stop the tool with the file (and line) named: a
line that is not "<video> <id>", an id other than 0, 1, 2, a video listed
with two ids in one file, or a class that has a file for one split but not
for another.
"""
import argparse
import importlib.util
import os
import os.path as osp
import re
import sys

from mmmotion.utils.atomic_io import write_text_atomic


def _load_helper(*rel_path):
    """A helper module of ``tools/`` by its path relative to this script's
    folder (``tools/`` is no package, so it cannot be imported by name)."""
    path = osp.join(osp.dirname(osp.abspath(__file__)), *rel_path)
    name = osp.splitext(osp.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# tools/data/missing_videos.py, shared by the list builders
_missing_videos = _load_helper('..', 'missing_videos.py')
drop_missing = _missing_videos.drop_missing
report_missing = _missing_videos.report_missing

SPLIT_FILE = re.compile(r'^(.+)_test_split([123])\.txt$')
IDS = {'0': 'unused', '1': 'train', '2': 'val'}
MISSING_LIST = 'hmdb51_missing_videos.txt'


def read_split_file(path):
    """``[(video name, 'train' | 'val' | 'unused')]`` and repeated names."""
    if not osp.isfile(path):
        sys.exit(f'{path}: file not found')
    entries, seen, repeated = [], {}, []
    with open(path, encoding='utf-8') as f:
        for i, line in enumerate(f, 1):
            fields = line.split()
            if not fields:
                continue
            where = f'{path}, line {i}'
            if len(fields) != 2:
                sys.exit(f'{where}: expected "<video name>.avi <id>" (2 '
                         f'fields), got {len(fields)}: {line.strip()!r}')
            video, id_ = fields
            if id_ not in IDS:
                sys.exit(f'{where}: id {id_!r} of {video} is not 0 (unused), '
                         '1 (train) or 2 (test)')
            if video in seen:
                first, first_id = seen[video]
                if first_id != id_:
                    sys.exit(f'{where}: {video} has id {id_} here but id '
                             f'{first_id} on line {first}')
                repeated.append(f'{where}: {video} (also on line {first})')
                continue
            seen[video] = (i, id_)
            entries.append((video, IDS[id_]))
    if not entries:
        sys.exit(f'{path}: no videos listed')
    return entries, repeated


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument(
        '--splits-dir',
        required=True,
        help='the official testTrainMulti_7030_splits folder')
    ap.add_argument(
        '--video-root',
        default=None,
        help='folder of the 51 class folders; when given, '
        'videos missing there are left out and reported')
    ap.add_argument('--out', required=True)
    ap.add_argument(
        '--splits', type=int, nargs='+', choices=(1, 2, 3), default=[1, 2, 3])
    args = ap.parse_args(argv)
    if not osp.isdir(args.splits_dir):
        sys.exit(f'{args.splits_dir}: --splits-dir is not a folder')
    if args.video_root is not None and not osp.isdir(args.video_root):
        sys.exit(f'{args.video_root}: --video-root is not a folder')
    files, ignored = {}, []  # (class, split) -> file name
    for name in sorted(os.listdir(args.splits_dir)):
        m = SPLIT_FILE.match(name)
        if m:
            files[m.group(1), int(m.group(2))] = name
        else:
            ignored.append(name)
    if not files:
        sys.exit(f'no <class>_test_split<k>.txt files in {args.splits_dir}')
    if ignored:
        print(
            f'ignored {len(ignored)} files in {args.splits_dir} not named '
            f'<class>_test_split<k>.txt: {ignored[:5]}',
            file=sys.stderr)
    # the classes of every split file there, so labels do not depend on
    # --splits
    classes = sorted({c for c, _ in files})
    splits = sorted(set(args.splits))
    for k in splits:
        lacking = [c for c in classes if (c, k) not in files]
        if lacking:
            c = lacking[0]
            other = min(s for cc, s in files if cc == c)
            sys.exit(f'{osp.join(args.splits_dir, f"{c}_test_split{k}.txt")}'
                     f': not found, but {c}_test_split{other}.txt is there '
                     f'({len(lacking)} classes lack a split-{k} file: '
                     f'{lacking[:5]})')
    lists, repeated, unused = {}, [], {}
    for k in splits:
        lists[k] = dict(train=[], val=[])
        unused[k] = 0
        for label, c in enumerate(classes):
            entries, rep = read_split_file(
                osp.join(args.splits_dir, files[c, k]))
            repeated += rep
            for video, part in entries:
                if part == 'unused':
                    unused[k] += 1
                else:
                    lists[k][part].append((f'{c}/{video}', label))
    missing = []
    if args.video_root is not None:
        missing = drop_missing([e for k in lists for e in lists[k].values()],
                               args.video_root)
    os.makedirs(args.out, exist_ok=True)
    counts = []
    for k in lists:
        for s, entries in lists[k].items():
            write_text_atomic(
                osp.join(args.out, f'hmdb51_{s}_split_{k}_videos.txt'),
                ''.join(f'{v} {y}\n' for v, y in entries))
        counts.append(f'split {k}: train {len(lists[k]["train"])}, '
                      f'val {len(lists[k]["val"])}, unused {unused[k]}')
    print(f'{len(classes)} classes; {"; ".join(counts)} -> {args.out}')
    if repeated:
        print(
            f'{len(repeated)} lines repeat a video with the same id and '
            'were used once:',
            file=sys.stderr)
        for r in repeated:
            print(f'  {r}', file=sys.stderr)
    if args.video_root is not None:
        report_missing(missing, args.video_root, args.out, MISSING_LIST)


if __name__ == '__main__':
    main()
