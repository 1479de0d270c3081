from .retrieval import knn_classify, recall_at_k, similarity

__all__ = ['knn_classify', 'recall_at_k', 'similarity']
