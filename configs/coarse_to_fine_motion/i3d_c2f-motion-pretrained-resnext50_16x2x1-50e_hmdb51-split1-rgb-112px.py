# Paper scale, NOT RUN HERE: as the UCF101 config, on HMDB51 split 1.
# Data: MMAction2's hmdb51 preparation (data/hmdb51/videos and the split
# lists); for splits 2 and 3 change the two list names.
_base_ = [
    ('./i3d_c2f-motion-pretrained-resnext50_16x2x1-50e_ucf101-split1-rgb-'
     '112px.py')
]
data_root = 'data/hmdb51'
num_classes = 51
model = dict(cls_head=dict(num_classes=num_classes))
train_dataloader = dict(
    dataset=dict(
        ann_file=f'{data_root}/hmdb51_train_split_1_videos.txt',
        data_prefix=dict(video=f'{data_root}/videos'),
        num_classes=num_classes))
val_dataloader = dict(
    dataset=dict(
        ann_file=f'{data_root}/hmdb51_val_split_1_videos.txt',
        data_prefix=dict(video=f'{data_root}/videos'),
        num_classes=num_classes))
test_dataloader = val_dataloader
