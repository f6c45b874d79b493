// Facets of a search, in three parts (issue 10):
// - posting_eval.h: the docids matching a query, from posting lists;
// - facet_counts.h: the counters (per-document arrays or match spies);
// - date_facet.h: day counts into year, month or day buckets.
// This header gathers them for who wants all three (the Searcher).
#pragma once

#include "date_facet.h"
#include "facet_counts.h"
#include "posting_eval.h"
