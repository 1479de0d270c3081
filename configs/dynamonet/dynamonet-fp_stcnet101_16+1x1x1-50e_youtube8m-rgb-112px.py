# Paper scale, NOT RUN HERE: self-supervised frame-prediction pretraining
# (FP branch only, classifier detached) on unlabelled clips; the paper used
# 500K YouTube-8M clips. List: tools/data/build_file_list.py over the clips.
_base_ = [
    '../_base_/models/dynamonet_stcnet101.py',
    '../_base_/datasets/rgb_nextframe_112.py',
    '../_base_/schedules/dynamonet_paper_sgd.py',
    '../_base_/default_runtime.py'
]
model = dict(self_supervised=True, cls_head=None)
train_dataloader = dict(
    dataset=dict(
        type='UnlabeledVideoDataset',
        ann_file='data/youtube8m/unlabeled_list.txt',
        data_prefix=dict(video='data/youtube8m/videos')))
# held-out next-frame quality (the paper: SSIM 0.95 on 378 UCF101 videos)
val_dataloader = dict(
    dataset=dict(
        ann_file='data/ucf101/ucf101_val_split_1_videos.txt',
        data_prefix=dict(video='data/ucf101/videos')))
test_dataloader = val_dataloader
val_evaluator = dict(_delete_=True, type='FramePredictionMetric')
test_evaluator = val_evaluator
train_cfg = dict(max_epochs=50, val_interval=5)
# no classification metric to follow: fixed steps instead of plateaus
param_scheduler = [
    dict(type='MultiStepLR', milestones=[30, 45], gamma=0.1, by_epoch=True)
]
