// Package zhtext splits Chinese text into search tokens: overlapping character
// bigrams over runs of Han characters (so 营业执照 yields 营业, 业执, 执照 and a
// query for 执照 finds it), lower-cased words for Latin letters and digits, and
// a small Traditional→Simplified mapping so common Traditional queries match.
// Plain Go, no dictionary to load at start-up.
package zhtext
