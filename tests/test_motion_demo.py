"""demo/motion_demo.py end to end on a shipped clip."""
import os.path as osp
import sys

import cv2
import pytest

sys.path.insert(0, osp.join(osp.dirname(__file__), '..', 'demo'))
import motion_demo  # noqa: E402

CLIP = 'tests/data/natural_rgb/imageio_newtonscradle.mp4'
C2F = ('configs/demo/c2f-motion-pairwise-lk-stride2_resnext18-tiny_2xb2-'
       '8x2x1-40e_natural-rgb-mini-112px.py')
DYNAMO = ('configs/dynamonet/dynamonet-fp_resnext18-tiny_8+1x2x1-150e_'
          'natural-rgb-112px.py')


def test_c2f_pictures_to_a_folder_and_a_gif(tmp_path):
    out = str(tmp_path / 'pngs')
    motion_demo.main([CLIP, C2F, '--out', out, '--max-pairs', '2', '--dis'])
    ims = [cv2.imread(osp.join(out, f'pair_{k:04d}.png')) for k in (0, 1)]
    assert all(im is not None for im in ims)
    # five 112 px tiles (frame, motion, warp error, DIS, DIS error) and
    # the legend, under their 16 px labels
    assert ims[0].shape[0] == 112 + 16 and ims[0].shape[1] > 5 * 112
    gif = str(tmp_path / 'c2f.gif')
    motion_demo.main([CLIP, C2F, '--out', gif, '--max-pairs', '3'])
    from PIL import Image
    im = Image.open(gif)
    assert im.n_frames == 3 and im.size[1] == 128


def test_dynamonet_video_and_bad_outputs(tmp_path):
    out = str(tmp_path / 'dn.mp4')
    motion_demo.main([CLIP, DYNAMO, '--out', out, '--max-pairs', '2'])
    cap = cv2.VideoCapture(out)
    ok, frame = cap.read()
    assert ok and frame.shape[0] == 128 and frame.shape[1] > 5 * 112
    with pytest.raises(SystemExit, match='must end in'):
        motion_demo.main([CLIP, C2F, '--out', str(tmp_path / 'x.avi')])
    with pytest.raises(SystemExit, match='no such file'):
        motion_demo.main(['nope.mp4', C2F, '--out', out])


def test_recognizer_demo_names_the_top_classes(tmp_path):
    import demo_recognizer
    import torch

    from mmmotion.apis import init_model
    cfg = ('configs/baselines/i3d_resnext18-tiny_8x2x1-60e_ud810-fold1-rgb-'
           '64px.py')
    ckpt = str(tmp_path / 'rec.pth')
    torch.save({'state_dict': init_model(cfg).state_dict()}, ckpt)
    names = tmp_path / 'classes.txt'
    names.write_text('raise\nwave\nforward\n')
    rows = demo_recognizer.main(
        [CLIP, cfg, ckpt, '--label-map',
         str(names), '--top-k', '2'])
    assert len(rows) == 2 and {r[0]
                               for r in rows} <= {'raise', 'wave', 'forward'}
    assert rows[0][1] >= rows[1][1]
    names.write_text('one\n')
    with pytest.raises(SystemExit, match='1 class names for 3'):
        demo_recognizer.main([CLIP, cfg, ckpt, '--label-map', str(names)])
    c2f = str(tmp_path / 'c2f.pth')
    torch.save({'state_dict': init_model(C2F).state_dict()}, c2f)
    with pytest.raises(SystemExit, match='not a recognizer'):
        demo_recognizer.main([CLIP, C2F, c2f])


def test_recognizer_demo_reads_dynamonet_class_scores():
    """The shipped DynamoNet fine-tuning (joint: classifier + FP) gives its
    class scores on a shipped MSR clip."""
    import demo_recognizer
    import yaml
    with open('checkpoints/checkpoints.yml') as f:
        entry = next(
            e for e in yaml.safe_load(f)['checkpoints']
            if 'dynamonet-joint' in e['file'])
    rows = demo_recognizer.main([
        'tests/data/msr_action3d/a01_s02_e01_sdepth.mat', entry['config'],
        entry['file'], '--top-k', '20'
    ])
    assert len(rows) == 20
    assert sum(r[1] for r in rows) == pytest.approx(1, abs=1e-3)


def test_gallery_is_made_by_one_command(tmp_path):
    sys.path.insert(0,
                    osp.join(osp.dirname(__file__), '..', 'tools', 'analysis'))
    import gallery
    out = tmp_path / 'gallery.md'
    gallery.main(['--out', str(out), '--pairs', '1'])
    text = out.read_text()
    for name, *_ in gallery.PICTURES:
        assert (tmp_path / 'gallery' / f'{name}.gif').is_file()
        assert f'gallery/{name}.gif' in text
    assert text.count('python demo/motion_demo.py') == len(gallery.PICTURES)
