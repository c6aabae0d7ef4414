// Package knowledge is the knowledge base of SPEC §5: articles that answer
// citizens' questions, their all-or-nothing import, and the ranked Chinese search
// operators use on a call. Articles are tokenized with zhtext; the tokens are kept
// beside the article by the store (an inverted index both engines query the same
// way) and ranked here with a BM25-style formula where the title and keywords
// weigh more than the answer. A small synonym table widens queries.
package knowledge
