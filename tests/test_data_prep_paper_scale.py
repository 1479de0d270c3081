"""The UCF101, HMDB51 and Kinetics-400 list builders, on hand-made split files
in the official formats (tests/data/paper_scale_lists, see its README).

The tools run in this process (``main(argv)``; a fresh interpreter spends
seconds importing mmmotion), except in one command-line test. Empty files
stand in for videos.
"""
import functools
import importlib.util
import os
import os.path as osp
import shutil
import sys

import pytest
from conftest import ROOT, TEST_DATA, run_tool

FIXTURES = osp.join(TEST_DATA, 'paper_scale_lists')


@functools.lru_cache()
def tool(name):
    path = osp.join(ROOT, 'tools', 'data', name, 'build_lists.py')
    spec = importlib.util.spec_from_file_location(f'{name}_build_lists', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(name, argv, capsys):
    """``(exit status, stdout, stderr)`` of ``tools/data/<name>`` on argv."""
    code, message = 0, ''
    try:
        tool(name).main([str(a) for a in argv])
    except SystemExit as e:  # sys.exit(message) exits 1 and prints it
        code = e.code if isinstance(e.code, int) else 1
        message = '' if isinstance(e.code, int) else str(e.code)
    out, err = capsys.readouterr()
    return code, out, err + message


def ok(name, argv, capsys):
    code, out, err = run(name, argv, capsys)
    assert code == 0, err
    return out, err


def read(path):
    with open(path) as f:
        return f.read().split('\n')[:-1]


def touch(root, paths):
    for p in paths:
        os.makedirs(osp.dirname(osp.join(root, p)), exist_ok=True)
        open(osp.join(root, p), 'wb').close()


def copy_fixture(name, tmp_path):
    dst = tmp_path / name
    shutil.copytree(osp.join(FIXTURES, name), dst)
    return dst


def edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


# ---------------------------------------------------------------- UCF101
UCF_CLASSES = [('ApplyEyeMakeup', 'ApplyEyeMakeup'),
               ('ApplyLipstick', 'ApplyLipstick'),
               ('HandstandPushups', 'HandStandPushups')]  # as in the release
UCF_CLIPS = ['g01_c01', 'g01_c02', 'g08_c01', 'g15_c03', 'g22_c01']
UCF_TEST_GROUP = {1: 'g01', 2: 'g08', 3: 'g15'}


def ucf_expected(split, part):
    test = UCF_TEST_GROUP[split]
    return [
        f'{folder}/v_{stem}_{clip}.avi {label}'
        for label, (folder, stem) in enumerate(UCF_CLASSES)
        for clip in UCF_CLIPS if clip.startswith(test) == (part == 'val')
    ]


def test_ucf101_lists_follow_the_official_splits(tmp_path, capsys):
    out, _ = ok(
        'ucf101',
        ['--splits-dir',
         osp.join(FIXTURES, 'ucf101'), '--out', tmp_path], capsys)
    assert 'split 1: train 9, val 6' in out
    assert read(tmp_path / 'ucf101_train_split_1_videos.txt') == [
        'ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi 0',
        'ApplyEyeMakeup/v_ApplyEyeMakeup_g15_c03.avi 0',
        'ApplyEyeMakeup/v_ApplyEyeMakeup_g22_c01.avi 0',
        'ApplyLipstick/v_ApplyLipstick_g08_c01.avi 1',
        'ApplyLipstick/v_ApplyLipstick_g15_c03.avi 1',
        'ApplyLipstick/v_ApplyLipstick_g22_c01.avi 1',
        'HandstandPushups/v_HandStandPushups_g08_c01.avi 2',
        'HandstandPushups/v_HandStandPushups_g15_c03.avi 2',
        'HandstandPushups/v_HandStandPushups_g22_c01.avi 2'
    ]
    # the test lists carry no label: it comes from the folder via classInd
    assert read(tmp_path / 'ucf101_val_split_1_videos.txt') == [
        'ApplyEyeMakeup/v_ApplyEyeMakeup_g01_c01.avi 0',
        'ApplyEyeMakeup/v_ApplyEyeMakeup_g01_c02.avi 0',
        'ApplyLipstick/v_ApplyLipstick_g01_c01.avi 1',
        'ApplyLipstick/v_ApplyLipstick_g01_c02.avi 1',
        'HandstandPushups/v_HandStandPushups_g01_c01.avi 2',
        'HandstandPushups/v_HandStandPushups_g01_c02.avi 2'
    ]
    for k in (1, 2, 3):
        for part in ('train', 'val'):
            assert read(tmp_path / f'ucf101_{part}_split_{k}_videos.txt') \
                == ucf_expected(k, part), (k, part)
    assert not (tmp_path / 'ucf101_missing_videos.txt').exists()


def test_ucf101_reads_crlf_files_and_single_splits(tmp_path, capsys):
    splits = copy_fixture('ucf101', tmp_path)
    for f in splits.iterdir():  # Windows line ends
        f.write_bytes(f.read_bytes().replace(b'\n', b'\r\n'))
    out = tmp_path / 'lists'
    ok('ucf101', ['--splits-dir', splits, '--out', out, '--splits', '2'],
       capsys)
    assert sorted(os.listdir(out)) == [
        'ucf101_train_split_2_videos.txt', 'ucf101_val_split_2_videos.txt'
    ]
    assert read(out / 'ucf101_train_split_2_videos.txt') == \
        ucf_expected(2, 'train')


def test_ucf101_missing_videos_are_counted_and_left_out(tmp_path, capsys):
    root = tmp_path / 'videos'
    gone = [
        'ApplyLipstick/v_ApplyLipstick_g08_c01.avi',
        'HandstandPushups/v_HandStandPushups_g01_c02.avi'
    ]
    every = [
        ln.split()[0] for k in (1, 2, 3) for p in ('train', 'val')
        for ln in ucf_expected(k, p)
    ]
    touch(root, sorted(set(every) - set(gone)))
    out = tmp_path / 'lists'
    _, err = ok('ucf101', [
        '--splits-dir',
        osp.join(FIXTURES, 'ucf101'), '--video-root', root, '--out', out
    ], capsys)
    assert f'2 listed videos are missing under {root}' in err
    assert all(g in err for g in gone)
    assert read(out / 'ucf101_missing_videos.txt') == gone
    for k in (1, 2, 3):
        for part in ('train', 'val'):
            assert read(out / f'ucf101_{part}_split_{k}_videos.txt') == [
                ln for ln in ucf_expected(k, part) if ln.split()[0] not in gone
            ]
    touch(root, gone)  # all there now: the old report goes
    ok('ucf101', [
        '--splits-dir',
        osp.join(FIXTURES, 'ucf101'), '--video-root', root, '--out', out
    ], capsys)
    assert not (out / 'ucf101_missing_videos.txt').exists()
    assert read(out / 'ucf101_val_split_1_videos.txt') == \
        ucf_expected(1, 'val')


@pytest.mark.parametrize('file, old, new, message', [
    ('testlist01.txt', 'HandstandPushups/v_HandStandPushups_g01_c02.avi',
     'Archery/v_Archery_g01_c01.avi',
     "testlist01.txt, line 6: class folder 'Archery' of "
     'Archery/v_Archery_g01_c01.avi is not in classInd.txt'),
    ('trainlist01.txt', 'v_ApplyEyeMakeup_g15_c03.avi 1',
     'v_ApplyEyeMakeup_g15_c03.avi 2', 'trainlist01.txt, line 2: label 2 of '
     'ApplyEyeMakeup/v_ApplyEyeMakeup_g15_c03.avi disagrees with its '
     'folder: ApplyEyeMakeup is 1'),
    ('trainlist02.txt', 'v_ApplyEyeMakeup_g01_c01.avi 1',
     'v_ApplyEyeMakeup_g01_c01.avi',
     'trainlist02.txt, line 1: expected "<class>/<video>.avi <label>" '
     '(2 fields), got 1'),
    ('testlist03.txt', 'v_ApplyLipstick_g15_c03.avi',
     'v_ApplyLipstick_g15_c03.avi 2',
     'testlist03.txt, line 2: expected "<class>/<video>.avi" (1 field), '
     'got 2'),
    ('testlist02.txt', 'ApplyLipstick/v_ApplyLipstick_g08_c01.avi',
     'ApplyLipstick/v_ApplyLipstick_g22_c01.avi',
     'testlist02.txt: 1 videos are also in'),
    ('classInd.txt', '3 HandstandPushups', '4 HandstandPushups',
     'classInd.txt: indices are not 1..3'),
])
def test_ucf101_malformed_split_files_stop_the_tool(tmp_path, capsys, file,
                                                    old, new, message):
    splits = copy_fixture('ucf101', tmp_path)
    edit(splits / file, old, new)
    code, _, err = run('ucf101',
                       ['--splits-dir', splits, '--out', tmp_path / 'lists'],
                       capsys)
    assert code != 0
    assert f'{splits / file}' in err and message in err, err
    assert not (tmp_path / 'lists').exists()


# ---------------------------------------------------------------- HMDB51
HMDB_VIDEOS = {  # class: videos, as listed in each file
    'brush_hair': [
        'April_09_brush_hair_u_nm_np1_ba_goo_0.avi',
        'Blonde_being_brushed_brush_hair_f_nm_np2_ri_med_0.avi',
        'Brushing_Hair_with_Beth_brush_hair_h_nm_np1_le_goo_0.avi',
        'Prelinger_HabitPat1954_brush_hair_h_nm_np1_fr_med_26.avi'],
    'clap': [
        '#20_Rhythm_clap_u_nm_np1_fr_goo_0.avi',
        'Applauding_Dolphins_clap_u_cm_np1_fr_med_0.avi',
        'Hand_Clapping_clap_h_nm_np1_fr_bad_1.avi',
        'boy_clapping_clap_f_nm_np1_ba_goo_2.avi'],
    'shoot_ball': [
        'Basketball_Free_Throw_shoot_ball_f_cm_np1_ba_med_0.avi',
        'Boys_shooting_hoops_shoot_ball_f_cm_np2_le_bad_3.avi',
        'Jump_Shot_Tutorial_shoot_ball_u_cm_np1_ri_goo_1.avi',
        'NBA_3pointers_shoot_ball_f_cm_np1_fr_med_5.avi'],
}
HMDB_IDS = {1: [1, 1, 2, 0], 2: [2, 1, 1, 1], 3: [1, 2, 0, 1]}  # per video


def hmdb_expected(split, part):
    want = 1 if part == 'train' else 2
    return [
        f'{c}/{v} {label}' for label, c in enumerate(sorted(HMDB_VIDEOS))
        for v, i in zip(HMDB_VIDEOS[c], HMDB_IDS[split]) if i == want
    ]


def test_hmdb51_lists_follow_the_official_splits(tmp_path, capsys):
    out, _ = ok(
        'hmdb51',
        ['--splits-dir',
         osp.join(FIXTURES, 'hmdb51'), '--out', tmp_path], capsys)
    assert '3 classes; split 1: train 6, val 3, unused 3' in out
    # classes sorted: brush_hair 0, clap 1, shoot_ball 2 (underscores kept)
    assert read(tmp_path / 'hmdb51_train_split_1_videos.txt') == [
        'brush_hair/April_09_brush_hair_u_nm_np1_ba_goo_0.avi 0',
        'brush_hair/Blonde_being_brushed_brush_hair_f_nm_np2_ri_med_0.avi 0',
        'clap/#20_Rhythm_clap_u_nm_np1_fr_goo_0.avi 1',
        'clap/Applauding_Dolphins_clap_u_cm_np1_fr_med_0.avi 1',
        'shoot_ball/Basketball_Free_Throw_shoot_ball_f_cm_np1_ba_med_0.avi 2',
        'shoot_ball/Boys_shooting_hoops_shoot_ball_f_cm_np2_le_bad_3.avi 2'
    ]
    assert read(tmp_path / 'hmdb51_val_split_1_videos.txt') == [
        'brush_hair/Brushing_Hair_with_Beth_brush_hair_h_nm_np1_le_goo_0.avi '
        '0', 'clap/Hand_Clapping_clap_h_nm_np1_fr_bad_1.avi 1',
        'shoot_ball/Jump_Shot_Tutorial_shoot_ball_u_cm_np1_ri_goo_1.avi 2'
    ]
    for k in (1, 2, 3):
        for part in ('train', 'val'):
            assert read(tmp_path / f'hmdb51_{part}_split_{k}_videos.txt') \
                == hmdb_expected(k, part), (k, part)


def test_hmdb51_missing_videos_are_counted_and_left_out(tmp_path, capsys):
    root = tmp_path / 'videos'
    gone = ['clap/Applauding_Dolphins_clap_u_cm_np1_fr_med_0.avi']
    touch(root, [
        f'{c}/{v}' for c, vs in HMDB_VIDEOS.items()
        for v in vs if f'{c}/{v}' not in gone
    ])
    out = tmp_path / 'lists'
    _, err = ok('hmdb51', [
        '--splits-dir',
        osp.join(FIXTURES, 'hmdb51'), '--video-root', root, '--out', out,
        '--splits', '1', '3'
    ], capsys)
    assert f'1 listed videos are missing under {root}' in err
    assert gone[0] in err
    assert read(out / 'hmdb51_missing_videos.txt') == gone
    assert sorted(os.listdir(out)) == [
        'hmdb51_missing_videos.txt', 'hmdb51_train_split_1_videos.txt',
        'hmdb51_train_split_3_videos.txt', 'hmdb51_val_split_1_videos.txt',
        'hmdb51_val_split_3_videos.txt'
    ]
    assert read(out / 'hmdb51_train_split_1_videos.txt') == [
        ln for ln in hmdb_expected(1, 'train') if gone[0] not in ln
    ]
    assert read(out / 'hmdb51_val_split_3_videos.txt') == [
        ln for ln in hmdb_expected(3, 'val') if gone[0] not in ln
    ]


def test_hmdb51_repeated_lines_are_used_once_and_reported(tmp_path, capsys):
    splits = copy_fixture('hmdb51', tmp_path)
    f = splits / 'clap_test_split2.txt'
    f.write_text(f.read_text() + '#20_Rhythm_clap_u_nm_np1_fr_goo_0.avi 2 \n')
    out = tmp_path / 'lists'
    _, err = ok('hmdb51', ['--splits-dir', splits, '--out', out], capsys)
    assert f'{f}, line 5: #20_Rhythm_clap_u_nm_np1_fr_goo_0.avi (also on ' \
        'line 1)' in err
    assert read(out / 'hmdb51_val_split_2_videos.txt') == \
        hmdb_expected(2, 'val')


@pytest.mark.parametrize('file, old, new, message', [
    ('clap_test_split1.txt', 'Hand_Clapping_clap_h_nm_np1_fr_bad_1.avi 2',
     'Hand_Clapping_clap_h_nm_np1_fr_bad_1.avi 3',
     "clap_test_split1.txt, line 3: id '3' of "
     'Hand_Clapping_clap_h_nm_np1_fr_bad_1.avi is not 0 (unused), 1 (train) '
     'or 2 (test)'),
    ('shoot_ball_test_split3.txt',
     'Boys_shooting_hoops_shoot_ball_f_cm_np2_le_bad_3.avi 2',
     'Basketball_Free_Throw_shoot_ball_f_cm_np1_ba_med_0.avi 2',
     'shoot_ball_test_split3.txt, line 2: '
     'Basketball_Free_Throw_shoot_ball_f_cm_np1_ba_med_0.avi has id 2 here '
     'but id 1 on line 1'),
    ('brush_hair_test_split2.txt',
     'April_09_brush_hair_u_nm_np1_ba_goo_0.avi 2',
     'April_09_brush_hair_u_nm_np1_ba_goo_0.avi',
     'brush_hair_test_split2.txt, line 1: expected "<video name>.avi <id>" '
     '(2 fields), got 1'),
])
def test_hmdb51_malformed_split_files_stop_the_tool(tmp_path, capsys, file,
                                                    old, new, message):
    splits = copy_fixture('hmdb51', tmp_path)
    edit(splits / file, old, new)
    code, _, err = run('hmdb51',
                       ['--splits-dir', splits, '--out', tmp_path / 'lists'],
                       capsys)
    assert code != 0
    assert f'{splits / file}' in err and message in err, err
    assert not (tmp_path / 'lists').exists()


def test_hmdb51_a_class_missing_from_a_split_stops_the_tool(tmp_path, capsys):
    splits = copy_fixture('hmdb51', tmp_path)
    (splits / 'shoot_ball_test_split2.txt').unlink()
    code, _, err = run('hmdb51',
                       ['--splits-dir', splits, '--out', tmp_path / 'lists'],
                       capsys)
    assert code != 0
    assert f'{splits / "shoot_ball_test_split2.txt"}: not found, but ' \
        'shoot_ball_test_split1.txt is there' in err, err
    # the split it lacks is not asked for: fine
    ok('hmdb51', [
        '--splits-dir', splits, '--out', tmp_path / 'lists', '--splits', '1',
        '3'
    ], capsys)


# ----------------------------------------------------------- Kinetics-400
K400 = osp.join(FIXTURES, 'kinetics400')
K400_CSVS = [
    '--train-csv',
    osp.join(K400, 'train.csv'), '--val-csv',
    osp.join(K400, 'validate.csv')
]
K400_CLASSES = [
    'abseiling', 'air drumming', 'passing American football (in game)'
]
K400_TRAIN = [('--0edUL8zmA_000000_000010.mp4', 0),
              ('0347ZoDXyP0_000014_000024.mp4', 0),
              ('-VtLx-mcPds_000042_000052.mp4', 1),
              ('2BRyTc3cNXg_000117_000127.mp4', 1),
              ('1Q4k3wV0c8k_000120_000130.mp4', 2),
              ('7Jf_wRgo3cE_000005_000015.mp4', 2)]
K400_VAL = [('3E7Jib8Yq5M_000031_000041.mp4', 0),
            ('-6tHUO2lqaI_000007_000017.mp4', 1),
            ('9jTHeF6HWbI_000250_000260.mp4', 2)]


def test_kinetics400_flat_lists(tmp_path, capsys):
    out, _ = ok(
        'kinetics400', K400_CSVS + [
            '--test-csv',
            osp.join(K400, 'test.csv'), '--flat', '--out', tmp_path
        ], capsys)
    assert '3 classes; train 6, val 3, test 2' in out
    assert 'test.csv has no labels' in out
    assert read(tmp_path / 'kinetics400_classes.txt') == K400_CLASSES
    assert read(tmp_path / 'kinetics400_train_list_videos.txt') == [
        f'train/{v} {y}' for v, y in K400_TRAIN
    ]
    assert read(tmp_path / 'kinetics400_val_list_videos.txt') == [
        f'val/{v} {y}' for v, y in K400_VAL
    ]
    assert read(tmp_path / 'kinetics400_test_list_videos.txt') == [
        'test/-4w0d4XWzaM_000061_000071.mp4',
        'test/Zt7nyZrqiBw_000000_000010.mp4'
    ]


@pytest.mark.parametrize('dirname, folders', [
    ('underscore',
     ['abseiling', 'air_drumming', 'passing_American_football_(in_game)']),
    ('mmaction2',
     ['abseiling', 'air_drumming', 'passing_American_football_-in_game-']),
])
def test_kinetics400_class_folder_lists(tmp_path, capsys, dirname, folders):
    ok(
        'kinetics400', K400_CSVS + [
            '--label-dirname', dirname, '--train-dir', 'videos_train',
            '--val-dir', 'videos_val', '--out', tmp_path
        ], capsys)
    assert read(tmp_path / 'kinetics400_train_list_videos.txt') == [
        f'videos_train/{folders[y]}/{v} {y}' for v, y in K400_TRAIN
    ]
    assert read(tmp_path / 'kinetics400_val_list_videos.txt') == [
        f'videos_val/{folders[y]}/{v} {y}' for v, y in K400_VAL
    ]


def test_kinetics400_labels_as_is_need_a_tab_delimiter(tmp_path, capsys):
    code, _, err = run('kinetics400', K400_CSVS + ['--out', tmp_path], capsys)
    assert code != 0
    assert f"{K400}/train.csv, line 4: the path 'train/air drumming/" \
        "-VtLx-mcPds_000042_000052.mp4' contains the list delimiter" in err
    ok('kinetics400', K400_CSVS + ['--delimiter', 'tab', '--out', tmp_path],
       capsys)
    assert read(tmp_path / 'kinetics400_val_list_videos.txt') == [
        f'val/{K400_CLASSES[y]}/{v}\t{y}' for v, y in K400_VAL
    ]


def test_kinetics400_missing_videos_are_counted_and_left_out(tmp_path, capsys):
    root = tmp_path / 'k400'
    gone = [
        'train/0347ZoDXyP0_000014_000024.mp4',
        'train/7Jf_wRgo3cE_000005_000015.mp4',
        'val/-6tHUO2lqaI_000007_000017.mp4'
    ]
    touch(root, [f'train/{v}'
                 for v, _ in K400_TRAIN] + [f'val/{v}' for v, _ in K400_VAL])
    for g in gone:
        os.remove(root / g)
    out = tmp_path / 'lists'
    stdout, err = ok(
        'kinetics400',
        K400_CSVS + ['--flat', '--video-root', root, '--out', out], capsys)
    assert 'train 4, val 2' in stdout
    assert f'3 listed videos are missing under {root}' in err
    assert all(g in err for g in gone)
    assert read(out / 'kinetics400_missing_videos.txt') == gone
    assert read(out / 'kinetics400_train_list_videos.txt') == [
        f'train/{v} {y}' for v, y in K400_TRAIN if f'train/{v}' not in gone
    ]
    assert read(out / 'kinetics400_val_list_videos.txt') == [
        'val/3E7Jib8Yq5M_000031_000041.mp4 0',
        'val/9jTHeF6HWbI_000250_000260.mp4 2'
    ]
    # the classes come from the csv, not from what was downloaded
    assert read(out / 'kinetics400_classes.txt') == K400_CLASSES


def test_kinetics400_quoted_labels_with_commas(tmp_path, capsys):
    train = tmp_path / 'train.csv'
    train.write_text('label,youtube_id,time_start,time_end,split,is_cc\n'
                     '"tying knot (not on a tie)",a1b2c3d4e5f,3,13,train,0\n'
                     '"knot, tying",Zz9_-Yy8Xx7,10,20,train,0\n')
    val = tmp_path / 'validate.csv'
    val.write_text('label,youtube_id,time_start,time_end,split\n'
                   '"knot, tying",0a0a0a0a0a0,0,10,val\n')
    out = tmp_path / 'lists'
    ok('kinetics400', [
        '--train-csv', train, '--val-csv', val, '--label-dirname',
        'underscore', '--out', out
    ], capsys)
    assert read(out / 'kinetics400_classes.txt') == [
        'knot, tying', 'tying knot (not on a tie)'
    ]
    assert read(out / 'kinetics400_train_list_videos.txt') == [
        'train/tying_knot_(not_on_a_tie)/a1b2c3d4e5f_000003_000013.mp4 1',
        'train/knot,_tying/Zz9_-Yy8Xx7_000010_000020.mp4 0'
    ]
    assert read(out / 'kinetics400_val_list_videos.txt') == [
        'val/knot,_tying/0a0a0a0a0a0_000000_000010.mp4 0'
    ]


@pytest.mark.parametrize('file, old, new, message', [
    ('validate.csv', '"air drumming",-6tHUO2lqaI', '"air guitar",-6tHUO2lqaI',
     "validate.csv, line 3: label 'air guitar' is not a label of the train "
     'csv'),
    ('train.csv', 'label,youtube_id', 'class,youtube_id',
     'train.csv: no column label in the header'),
    ('validate.csv', '3E7Jib8Yq5M,31,41', '3E7Jib8Yq5M,31.5,41',
     "validate.csv, line 2: time_start '31.5' is not a whole number"),
    ('train.csv', '2BRyTc3cNXg,117,127,train,0', '2BRyTc3cNXg,117,127',
     'train.csv, line 5: 4 fields, the header has 6'),
    ('train.csv', '1Q4k3wV0c8k,120,130,train,0',
     '1Q4k3wV0c8k,120,130,train,0,extra',
     'train.csv, line 6: 7 fields, the header has 6'),
])
def test_kinetics400_malformed_csvs_stop_the_tool(tmp_path, capsys, file, old,
                                                  new, message):
    csvs = copy_fixture('kinetics400', tmp_path)
    edit(csvs / file, old, new)
    code, _, err = run('kinetics400', [
        '--train-csv', csvs / 'train.csv', '--val-csv', csvs / 'validate.csv',
        '--flat', '--out', tmp_path / 'lists'
    ], capsys)
    assert code != 0
    assert f'{csvs / file}' in err and message in err, err
    assert not (tmp_path / 'lists').exists()


# ------------------------------------------------------------- all three
@pytest.mark.parametrize('name, argv', [
    ('ucf101', ['--splits-dir', osp.join(FIXTURES, 'ucf101')]),
    ('hmdb51', ['--splits-dir', osp.join(FIXTURES, 'hmdb51')]),
    ('kinetics400', K400_CSVS + ['--flat']),
])
def test_a_video_root_without_any_listed_video_stops_the_tool(
        tmp_path, capsys, name, argv):
    root = tmp_path / 'empty'
    root.mkdir()
    code, _, err = run(
        name, argv + ['--video-root', root, '--out', tmp_path / 'lists'],
        capsys)
    assert code != 0
    assert f'{root}: none of the ' in err and 'right --video-root?' in err
    assert not (tmp_path / 'lists').exists()


# ---------------------------------------------------------- command line
def test_the_tools_run_from_the_command_line(tmp_path):
    """Each script runs as a command (one interpreter for the three: a fresh
    one spends seconds importing mmmotion)."""
    calls = [
        [
            'tools/data/ucf101/build_lists.py', '--splits-dir',
            osp.join(FIXTURES, 'ucf101'), '--out',
            str(tmp_path / 'ucf101')
        ],
        [
            'tools/data/hmdb51/build_lists.py', '--splits-dir',
            osp.join(FIXTURES, 'hmdb51'), '--out',
            str(tmp_path / 'hmdb51')
        ],
        ['tools/data/kinetics400/build_lists.py'] + K400_CSVS +
        ['--flat', '--out', str(tmp_path / 'k400')],
    ]
    code = ('import runpy, sys\n'
            f'for argv in {calls!r}:\n'
            '    sys.argv = argv\n'
            '    runpy.run_path(argv[0], run_name="__main__")\n')
    res = run_tool([sys.executable, '-c', code])
    assert '3 classes; split 1: train 9, val 6' in res.stdout
    assert '3 classes; split 1: train 6, val 3, unused 3' in res.stdout
    assert '3 classes; train 6, val 3 ->' in res.stdout
    assert read(tmp_path / 'ucf101' / 'ucf101_val_split_3_videos.txt') == \
        ucf_expected(3, 'val')
    assert read(tmp_path / 'hmdb51' / 'hmdb51_train_split_2_videos.txt') == \
        hmdb_expected(2, 'train')
    assert len(read(tmp_path / 'k400' / 'kinetics400_val_list_videos.txt')) \
        == 3
