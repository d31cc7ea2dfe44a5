"""zhcorpus: an OCR'd newspaper page as a versioned, annotated dataset, and the toolkit that makes and checks it."""
