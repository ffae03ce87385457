package org.ixp.nntp;

/**
 * NNTPLISTGROUP: some article numbers of a LISTGROUP answer ({@code cArticles}, {@code rgArticles}), 64-bit.
 *
 * @param articles the numbers, in the server's order
 */
public record NntpListGroup(long[] articles) implements NntpData {

    @Override
    public String toString() {
        return "NntpListGroup[" + articles.length + " articles]";
    }
}
