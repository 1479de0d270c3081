"""Write Kinetics-400 train/val (and test) lists from the annotation CSVs.

    python tools/data/kinetics400/build_lists.py \
        --train-csv data/kinetics400/annotations/train.csv \
        --val-csv data/kinetics400/annotations/validate.csv \
        --video-root data/kinetics400 --flat --out data/kinetics400
    python tools/data/kinetics400/build_lists.py --label-dirname underscore \
        --train-dir videos_train --val-dir videos_val \
        --train-csv data/kinetics400/annotations/train.csv \
        --val-csv data/kinetics400/annotations/validate.csv \
        --video-root data/kinetics400 --out data/kinetics400

The CSVs are those of the Kinetics-400 release (Kay et al., 2017): header
``label,youtube_id,time_start,time_end,split`` (some releases add ``is_cc``;
extra columns are ignored), one clip a row; labels with spaces are quoted
(read with the csv module). A test CSV without a ``label`` column is
accepted: its list then has one path a line (for ``UnlabeledVideoDataset``).

Videos are named as the common downloaders name them,
``<youtube_id>_<time_start:06d>_<time_end:06d>.mp4``, and lie at
``<video-root>/<split dir>/<label dir>/<name>`` (one folder a class, as the
ActivityNet/MMAction2 download script leaves them) or, with ``--flat``, at
``<video-root>/<split dir>/<name>`` (as the CVDF archives unpack);
``--train-dir``/``--val-dir``/``--test-dir`` name the split folders (default
train, val, test). A test CSV without labels is always read as flat. The
class folder's name is chosen by ``--label-dirname``: ``as-is`` (default)
the label itself, spaces and all ("air drumming"); ``underscore`` spaces
replaced by ``_`` ("air_drumming"); ``mmaction2`` as MMAction2's
``rename_classnames.sh`` leaves it, spaces to ``_`` and parentheses to ``-``.
A list line is "path label", split on the dataset's ``delimiter`` (a space
by default), so a path with a space in it cannot be written with
``--delimiter space``: the tool stops and says so; write such lists with
``--delimiter tab`` and set ``delimiter='\\t'`` in the dataset config.

Writes, atomically: ``<out>/kinetics400_classes.txt`` (the sorted unique
labels of the train CSV, one a line; line i is label i; officially 400),
``<out>/kinetics400_{train,val}_list_videos.txt`` and, with ``--test-csv``,
``kinetics400_test_list_videos.txt`` (MMAction2's names), paths relative to
``--video-root``, in CSV order. With ``--video-root`` every listed video must
exist there: missing ones (Kinetics always has YouTube videos that could not
be downloaded) are counted, listed on stderr (all of them in
``<out>/kinetics400_missing_videos.txt``) and left out; if none is there
the tool stops (a wrong ``--video-root``). A clip listed twice in one CSV is
kept once and reported. Malformed inputs stop the tool with the file (and
line) named: a missing column, a row with the wrong number of fields, an
empty label or id, a time that is not a whole number, or a val or test label
that is not a train label.
"""
import argparse
import csv
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

CLIP_COLUMNS = ('youtube_id', 'time_start', 'time_end')
DELIMITERS = {'space': ' ', 'tab': '\t'}
LABEL_DIRNAME = {
    'as-is': lambda s: s,
    'underscore': lambda s: s.replace(' ', '_'),
    'mmaction2':
    lambda s: s.replace(' ', '_').replace('(', '-').replace(')', '-'),
}
MISSING_LIST = 'kinetics400_missing_videos.txt'


def whole_seconds(value, where, column):
    try:
        t = float(value)
    except (TypeError, ValueError):
        t = None
    if t is None or not t.is_integer() or t < 0:
        sys.exit(f'{where}: {column} {value!r} is not a whole number of '
                 'seconds')
    return int(t)


def read_csv(path, need_label):
    """``[(line number, label or None, clip name)]`` and repeated clips."""
    if not osp.isfile(path):
        sys.exit(f'{path}: file not found')
    with open(path, newline='', encoding='utf-8-sig') as f:
        reader = csv.DictReader(f)
        columns = reader.fieldnames or []
        need = (('label', ) if need_label else ()) + CLIP_COLUMNS
        lacking = [c for c in need if c not in columns]
        if lacking:
            sys.exit(f'{path}: no column {", ".join(lacking)} in the header '
                     f'{",".join(columns)!r} (expected '
                     'label,youtube_id,time_start,time_end,split)')
        has_label = 'label' in columns
        rows, seen, repeated = [], {}, []
        for row in reader:
            where = f'{path}, line {reader.line_num}'
            if None in row or None in row.values():
                n = len(row) - 1 + len(row[None]) if None in row else sum(
                    v is not None for v in row.values())
                sys.exit(f'{where}: {n} fields, the header has '
                         f'{len(columns)}')
            if not row['youtube_id'].strip():
                sys.exit(f'{where}: empty youtube_id')
            label = row['label'] if has_label else None
            if has_label and not label.strip():
                sys.exit(f'{where}: empty label')
            start = whole_seconds(row['time_start'], where, 'time_start')
            end = whole_seconds(row['time_end'], where, 'time_end')
            name = f'{row["youtube_id"]}_{start:06d}_{end:06d}.mp4'
            if name in seen:
                repeated.append(f'{where}: {name} (also on line '
                                f'{seen[name]})')
                continue
            seen[name] = reader.line_num
            rows.append((reader.line_num, label, name))
    if not rows:
        sys.exit(f'{path}: no clips listed')
    return rows, repeated


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--train-csv', required=True)
    ap.add_argument('--val-csv', required=True)
    ap.add_argument('--test-csv', default=None)
    ap.add_argument(
        '--video-root',
        default=None,
        help='folder of the split folders; when given, videos '
        'missing there are left out and reported')
    ap.add_argument('--out', required=True)
    ap.add_argument(
        '--flat',
        action='store_true',
        help='videos lie directly in the split folders, not in '
        'one folder a class')
    ap.add_argument(
        '--label-dirname',
        choices=tuple(LABEL_DIRNAME),
        default='as-is',
        help='how a label names its class folder (default: '
        'as-is)')
    ap.add_argument('--train-dir', default='train')
    ap.add_argument('--val-dir', default='val')
    ap.add_argument('--test-dir', default='test')
    ap.add_argument(
        '--delimiter',
        choices=tuple(DELIMITERS),
        default='space',
        help="between path and label in the lists (the "
        "dataset's delimiter; default: space)")
    args = ap.parse_args(argv)
    if args.video_root is not None and not osp.isdir(args.video_root):
        sys.exit(f'{args.video_root}: --video-root is not a folder')
    sep = DELIMITERS[args.delimiter]
    dirname = LABEL_DIRNAME[args.label_dirname]
    csvs = dict(train=args.train_csv, val=args.val_csv)
    if args.test_csv is not None:
        csvs['test'] = args.test_csv
    rows, repeated = {}, []
    for split, path in csvs.items():
        rows[split], rep = read_csv(path, need_label=split != 'test')
        repeated += rep
    classes = sorted({label for _, label, _ in rows['train']})
    index = {c: i for i, c in enumerate(classes)}
    folder = dict(train=args.train_dir, val=args.val_dir, test=args.test_dir)
    lists = {}
    for split, path in csvs.items():
        lists[split] = []
        for line, label, name in rows[split]:
            where = f'{path}, line {line}'
            if label is not None and label not in index:
                sys.exit(f'{where}: label {label!r} is not a label of the '
                         f'train csv {args.train_csv}')
            if args.flat or label is None:
                video = f'{folder[split]}/{name}'
            else:
                video = f'{folder[split]}/{dirname(label)}/{name}'
            if sep in video:
                sys.exit(f'{where}: the path {video!r} contains the list '
                         f'delimiter ({args.delimiter}); use --delimiter tab '
                         "(and delimiter='\\t' in the dataset config), or "
                         '--label-dirname underscore if the class folders '
                         'are named so')
            lists[split].append(
                (video, None if label is None else index[label]))
    missing = []
    if args.video_root is not None:
        missing = drop_missing(list(lists.values()), args.video_root)
    os.makedirs(args.out, exist_ok=True)
    write_text_atomic(
        osp.join(args.out, 'kinetics400_classes.txt'),
        ''.join(f'{c}\n' for c in classes))
    for split, entries in lists.items():
        write_text_atomic(
            osp.join(args.out, f'kinetics400_{split}_list_videos.txt'),
            ''.join(f'{v}\n' if y is None else f'{v}{sep}{y}\n'
                    for v, y in entries))
    counts = ', '.join(f'{split} {len(v)}' for split, v in lists.items())
    print(f'{len(classes)} classes; {counts} -> {args.out}')
    if 'test' in rows and rows['test'][0][1] is None:
        print(f'{args.test_csv} has no labels: the test list has one path a '
              'line')
    if repeated:
        print(
            f'{len(repeated)} rows repeat a clip of the same csv and were '
            'used once:',
            file=sys.stderr)
        for r in repeated:
            print(f'  {r}', file=sys.stderr)
    if args.video_root is not None:
        report_missing(missing, args.video_root, args.out, MISSING_LIST)


if __name__ == '__main__':
    main()
