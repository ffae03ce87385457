package org.ixp.nntp;

/**
 * What {@link NntpDecoder} yields: a status line ({@link NntpReply}), then, when that reply opens a multi-line data
 * block, the block's content in bounded parts ({@link NntpBlock.Lines} or {@link NntpBlock.Chunk}) and its end
 * ({@link NntpBlock.End}).
 */
public sealed interface NntpEvent permits NntpReply, NntpBlock.Lines, NntpBlock.Chunk, NntpBlock.End {
}
