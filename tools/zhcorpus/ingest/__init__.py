"""Raw page -> records: masthead, headings, bylines, datelines, continuation markers, segmentation."""
