# Clip retrieval and kNN classification on MSR Action3D cross-subject
# (depth): the test subjects' videos (query) look up the training subjects'
# videos (gallery) by cosine similarity of pooled backbone features
# (RetrievalMetric: R@1/5/10/20/50, kNN top-1). Leaf configs
# (configs/benchmarks/retrieval/) set the FeatureExtractor's backbone and the
# test dataloader: a ConcatDataset of the gallery (training list) and the
# queries (test list), each tagged by the RetrievalSplit transform.
data_root = 'data/msr_action3d'
test_evaluator = dict(type='RetrievalMetric')
test_cfg = dict(type='TestLoop')
