"""Write the three UCF101 train/test splits from the official split files.

    python tools/data/ucf101/build_lists.py \
        --splits-dir data/ucf101/ucfTrainTestlist \
        --video-root data/ucf101/videos --out data/ucf101
    python tools/data/ucf101/build_lists.py --splits 1 \
        --splits-dir data/ucf101/ucfTrainTestlist --out data/ucf101

``--splits-dir`` holds the official ``ucfTrainTestlist`` files (Soomro,
Zamir, Shah, UCF101, 2012): ``classInd.txt`` ("1 ApplyEyeMakeup", indices
1-101), ``trainlist0{1,2,3}.txt`` ("ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi
1": path and 1-based label) and ``testlist0{1,2,3}.txt`` (the path alone:
the label is that of the class folder in ``classInd.txt``). Official UCF101
has 101 classes; split 1 has 9537 train and 3783 test videos.

Writes ``<out>/ucf101_{train,val}_split_{k}_videos.txt`` (MMAction2's names)
for each split k of ``--splits`` (default 1 2 3), lines
"<class>/<video>.avi label" in the split file's order, label = classInd index
- 1, atomically; paths are relative to the folder holding the class folders
(the dataset's ``data_prefix``). With ``--video-root`` (that folder) every
listed video must exist there: missing ones are counted, listed on stderr
(all of them in ``<out>/ucf101_missing_videos.txt``) and left out of the
lists; if none is there the tool stops (a wrong ``--video-root``).
Malformed split files stop the tool with the file and line named: a line
with the wrong number of fields, a class folder not in classInd.txt, a train
label that disagrees with its folder's class, a video listed twice, or a
video in both the train and the test list of one split.
"""
import argparse
import importlib.util
import os
import os.path as osp
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

MISSING_LIST = 'ucf101_missing_videos.txt'


def read_lines(path):
    """``(line number, fields)`` of the non-blank lines of ``path``.

    Text mode reads the official files' CRLF line ends as plain ones.
    """
    if not osp.isfile(path):
        sys.exit(f'{path}: file not found')
    with open(path, encoding='utf-8') as f:
        return [(i, ln.split()) for i, ln in enumerate(f, 1) if ln.strip()]


def read_classes(path):
    """``{class name: classInd index}``; indices must be 1..N."""
    classes, seen = {}, {}
    for i, fields in read_lines(path):
        where = f'{path}, line {i}'
        if len(fields) != 2 or not fields[0].isdigit():
            sys.exit(f'{where}: expected "<index> <class>", got '
                     f'{" ".join(fields)!r}')
        index, name = int(fields[0]), fields[1]
        if name in classes:
            sys.exit(f'{where}: class {name} listed twice')
        if index in seen:
            sys.exit(f'{where}: index {index} already given to {seen[index]}')
        classes[name], seen[index] = index, name
    if not classes:
        sys.exit(f'{path}: no classes')
    if sorted(seen) != list(range(1, len(seen) + 1)):
        sys.exit(f'{path}: indices are not 1..{len(seen)} '
                 f'(got {sorted(seen)[:3]}...{sorted(seen)[-1]})')
    return classes


def read_split_file(path, classes, with_label):
    """``[(relative path, 0-based label)]`` of one train or test list."""
    entries, seen = [], {}
    n_fields = 2 if with_label else 1
    form = '<class>/<video>.avi' + (' <label>' if with_label else '')
    for i, fields in read_lines(path):
        where = f'{path}, line {i}'
        if len(fields) != n_fields:
            sys.exit(f'{where}: expected "{form}" ({n_fields} field'
                     f'{"s" if n_fields > 1 else ""}), got {len(fields)}: '
                     f'{" ".join(fields)!r}')
        video = fields[0]
        folder, _, name = video.partition('/')
        if not folder or not name or '/' in name:
            sys.exit(f'{where}: expected a path "<class>/<video>.avi", got '
                     f'{video!r}')
        if folder not in classes:
            sys.exit(f'{where}: class folder {folder!r} of {video} is not in '
                     'classInd.txt')
        if with_label:
            if not fields[1].isdigit():
                sys.exit(f'{where}: label {fields[1]!r} is not an integer')
            if int(fields[1]) != classes[folder]:
                sys.exit(f'{where}: label {fields[1]} of {video} disagrees '
                         f'with its folder: {folder} is {classes[folder]} in '
                         'classInd.txt')
        if video in seen:
            sys.exit(f'{where}: {video} already listed on line {seen[video]}')
        seen[video] = i
        entries.append((video, classes[folder] - 1))
    if not entries:
        sys.exit(f'{path}: no videos listed')
    return entries


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument(
        '--splits-dir',
        required=True,
        help='the official ucfTrainTestlist folder')
    ap.add_argument(
        '--video-root',
        default=None,
        help='folder of the 101 class folders; when given, '
        'videos missing there are left out and reported')
    ap.add_argument('--out', required=True)
    ap.add_argument(
        '--splits', type=int, nargs='+', choices=(1, 2, 3), default=[1, 2, 3])
    args = ap.parse_args(argv)
    if args.video_root is not None and not osp.isdir(args.video_root):
        sys.exit(f'{args.video_root}: --video-root is not a folder')
    classes = read_classes(osp.join(args.splits_dir, 'classInd.txt'))
    lists = {}
    for k in sorted(set(args.splits)):
        train_file = osp.join(args.splits_dir, f'trainlist0{k}.txt')
        test_file = osp.join(args.splits_dir, f'testlist0{k}.txt')
        train = read_split_file(train_file, classes, with_label=True)
        test = read_split_file(test_file, classes, with_label=False)
        both = sorted({v for v, _ in train} & {v for v, _ in test})
        if both:
            sys.exit(f'{test_file}: {len(both)} videos are also in '
                     f'{train_file}, e.g. {both[0]}')
        lists[k] = dict(train=train, val=test)
    missing = []
    if args.video_root is not None:
        missing = drop_missing([e for k in lists for e in lists[k].values()],
                               args.video_root)
    os.makedirs(args.out, exist_ok=True)
    counts = []
    for k in lists:
        for s, entries in lists[k].items():
            write_text_atomic(
                osp.join(args.out, f'ucf101_{s}_split_{k}_videos.txt'),
                ''.join(f'{v} {y}\n' for v, y in entries))
        counts.append(f'split {k}: train {len(lists[k]["train"])}, '
                      f'val {len(lists[k]["val"])}')
    print(f'{len(classes)} classes; {"; ".join(counts)} -> {args.out}')
    if args.video_root is not None:
        report_missing(missing, args.video_root, args.out, MISSING_LIST)


if __name__ == '__main__':
    main()
