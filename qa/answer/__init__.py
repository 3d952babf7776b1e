"""The answer layer: retrieved passages in, a short answer out whose every `[n]` is a checked citation.

Entry points: `qa.answer.compose.compose_answer` (extractive by default, an LLM with
`qa.answer.llm.build_generator`) and `qa.answer.condense.rewrite_followup`. Nothing heavy is
imported here, so `qa ask` stays fast to start; LangChain is imported only in llm mode.
"""
