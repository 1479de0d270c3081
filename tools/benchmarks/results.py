"""The one entry point that writes every generated results file from the
recorded runs (no hand-typed numbers):

    python tools/benchmarks/results.py table configs/<method>   # README
    python tools/benchmarks/results.py metafile configs/<method>
    python tools/benchmarks/results.py page              # docs/results.md
    python tools/benchmarks/results.py compare CONFIG --rerun-root DIR
    python tools/benchmarks/results.py all [--check]
    python tools/benchmarks/results.py cost CONFIG [CONFIG ...]

``table`` fills a method README's generated blocks: the benchmark table
(from ``benchmark_results.json``, pretext columns from
``BenchmarkPretextMetrics`` of ``metafile_extra.yml``) and every
``results-table`` block (its spec under ``Tables:`` there; see
``tables.py``). ``metafile`` writes ``metafile.yml`` (``metafile.py``),
``page`` the results page (``results_page.py``), ``compare`` sets a rerun of
a chain beside its records (``compare_records.py``), ``cost`` prints what
each seed of a chain cost to train (``chain_cost.py``). ``all`` does the first
three for every method folder that has a ``metafile_extra.yml``; with
``--check`` it writes nothing and exits non-zero, naming the files, when a
committed file differs from what the records give (the test suite runs it).
Records are read by ``records.py`` only.
"""
import argparse
import glob
import os
import os.path as osp
import sys
from typing import Dict, List

import chain_cost
import compare_records
import metafile
import records as rec
import results_page
import tables

ROOT = osp.abspath(osp.join(osp.dirname(__file__), '..', '..'))


def method_dirs(root: str = '.') -> List[str]:
    """The config folders with a ``metafile_extra.yml``."""
    return sorted(
        rec.norm(osp.relpath(osp.dirname(p), root)) for p in glob.glob(
            osp.join(root, 'configs', '*', 'metafile_extra.yml')))


def readme_text(method_dir: str, record_root: str = '.') -> Dict[str, str]:
    """``{README path: regenerated text}`` for a method folder; with a
    ``record_root`` elsewhere, the benchmark table of its results file."""
    extra = metafile.read_extra(osp.join(method_dir, 'metafile_extra.yml'))
    readme = osp.join(method_dir, 'README.md')
    text = open(readme).read() if osp.isfile(readme) else ''
    path = osp.join(record_root, method_dir, 'benchmark_results.json')
    benchmark = None
    if osp.isfile(path):
        data = rec.load_results(path)
        rec.check_results(data, path, record_root)
        benchmark = tables.render_benchmark_table(
            data, method_dir, extra.get('BenchmarkPretextMetrics'),
            extra.get('Superseded'))
    if osp.normpath(record_root) != '.':
        return {'<stdout>': benchmark or ''}
    specs = extra.get('Tables') or {}
    in_readme = tables.spec_names_in(text)
    unknown = sorted(set(in_readme) - set(specs))
    if unknown:
        raise ValueError(f'{readme} has results-table blocks with no spec '
                         f'in metafile_extra.yml: {unknown}')
    unused = sorted(set(specs) - set(in_readme))
    if unused:
        raise ValueError(f'{method_dir}/metafile_extra.yml: Tables '
                         f'{unused} have no block in {readme}')
    blocks = {n: tables.render_spec(method_dir, specs[n]) for n in in_readme}
    if benchmark is not None and tables.BEGIN not in text:
        print(f'{readme} has no benchmark table markers ({tables.BEGIN} ... '
              f'{tables.END}); the table:\n{benchmark}')
        benchmark = None
    return {readme: tables.fill_readme(text, readme, benchmark, blocks)}


def metafile_text(method_dir: str) -> Dict[str, str]:
    out, text, n, run = metafile.write(method_dir)
    return {out: text}


def page_text(root: str = '.') -> Dict[str, str]:
    return {osp.join('docs', 'results.md'): results_page.render(root)}


def write_or_check(files: Dict[str, str], check: bool) -> List[str]:
    """Write each file whose text changed (or, with ``check``, list it)."""
    stale = []
    for path, text in files.items():
        if path == '<stdout>':
            print(text)
            continue
        old = open(path).read() if osp.isfile(path) else None
        if old == text:
            continue
        stale.append(path)
        if not check:
            from mmmotion.utils.atomic_io import write_text_atomic
            write_text_atomic(path, text)
            print(f'written: {path}')
    return stale


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = ap.add_subparsers(dest='cmd', required=True)
    t = sub.add_parser('table', help="a method README's generated blocks")
    t.add_argument('method_dirs', nargs='+')
    t.add_argument(
        '--record-root',
        default='.',
        help='print the benchmark table of a rerun elsewhere')
    m = sub.add_parser('metafile', help="a method's metafile.yml")
    m.add_argument('method_dirs', nargs='+')
    sub.add_parser('page', help='docs/results.md')
    c = sub.add_parser('compare', help='a rerun beside its records')
    compare_records.add_arguments(c)
    k = sub.add_parser('cost', help='what each seed of a chain cost')
    k.add_argument('configs', nargs='+', help='pretraining configs')
    a = sub.add_parser('all', help='every table, metafile and the page')
    a.add_argument(
        '--check',
        action='store_true',
        help='write nothing; fail if a file is out of date')
    args = ap.parse_args(argv)
    os.chdir(ROOT)
    try:
        if args.cmd == 'compare':
            return compare_records.run(args)
        if args.cmd == 'cost':
            print('\n\n'.join(chain_cost.render(c) for c in args.configs))
            return
        files = {}
        check = getattr(args, 'check', False)
        if args.cmd == 'table':
            for d in args.method_dirs:
                files.update(readme_text(rec.norm(d), args.record_root))
        elif args.cmd == 'metafile':
            for d in args.method_dirs:
                files.update(metafile_text(rec.norm(d)))
        elif args.cmd == 'page':
            files.update(page_text('.'))
        else:
            for d in method_dirs('.'):
                files.update(readme_text(d))
                files.update(metafile_text(d))
            files.update(page_text('.'))
        stale = write_or_check(files, check)
    except (ValueError, KeyError) as e:
        sys.exit(f'error: {e}')
    if check and stale:
        sys.exit('out of date with the records (python '
                 'tools/benchmarks/results.py all): ' + ', '.join(stale))
    if check:
        print(f'{len(files)} generated files match their records')


if __name__ == '__main__':
    main()
