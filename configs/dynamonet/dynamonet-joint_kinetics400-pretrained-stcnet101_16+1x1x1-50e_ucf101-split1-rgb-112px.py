# Paper scale, NOT RUN HERE: fine-tune the Kinetics-400 (or self-supervised)
# STCnet-101 DynamoNet on UCF101 split 1 (paper, self-supervised then
# fine-tuned: UCF101 88.1 / HMDB51 59.9 for STCnet, 87.3 / 58.6 for ResNeXt).
# Data: MMAction2's ucf101 preparation (data/ucf101/videos and the split
# lists).
_base_ = ['./dynamonet-joint_stcnet101_16+1x1x1-100e_kinetics400-rgb-112px.py']
data_root = 'data/ucf101'
model = dict(cls_head=dict(num_classes=101))
train_dataloader = dict(
    dataset=dict(
        ann_file=f'{data_root}/ucf101_train_split_1_videos.txt',
        data_prefix=dict(video=f'{data_root}/videos'),
        num_classes=101))
val_dataloader = dict(
    dataset=dict(
        ann_file=f'{data_root}/ucf101_val_split_1_videos.txt',
        data_prefix=dict(video=f'{data_root}/videos'),
        num_classes=101))
test_dataloader = val_dataloader
train_cfg = dict(max_epochs=50)
optim_wrapper = dict(optimizer=dict(lr=0.01))
# the pretraining checkpoint (cls_head keys of another size are skipped)
load_from = ((
    'work_dirs/dynamonet-joint_stcnet101_16+1x1x1-100e_kinetics400-rgb-'
    '112px/best.pth'))
