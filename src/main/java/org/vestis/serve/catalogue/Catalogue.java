package org.vestis.serve.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.vestis.serve.photos.PhotoRecords;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What buyers browse: verified photos only (tagged, and every tag reviewed by a manager), with the verified labels and
 * their colours, filtered by class and colour, a page at a time, newest first. Proposals and confidences are the
 * shop's business, not the buyer's, so items carry only what a manager confirmed.
 */
public final class Catalogue {
    public static final int PAGE_SIZE = 24;
    /** The label of a garment slot that a person does not wear; it is neither a class to filter by nor has a colour. */
    public static final String NONE = "none";

    private final Jdbi jdbi;

    public Catalogue(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One verified tag as buyers see it. */
    public record ItemTag(int person, String slot, String label, String colour) {
        public boolean worn() {
            return !NONE.equals(label);
        }
    }

    /** One person of a photo of people, with their five slots. */
    public record Person(int number, List<ItemTag> slots) {
    }

    /**
     * A catalogue item: a verified photo, its product tag ({@code person} 0) or its people's slots, and the distinct
     * classes shown on it for a card's title.
     */
    public record Item(long id, int width, int height, OffsetDateTime uploadedAt, List<ItemTag> tags) {
        @JsonProperty("imageUrl")
        public String imageUrl() {
            return "/catalogue/" + id + "/image";
        }

        /** The tags of a product photo (person 0). */
        public List<ItemTag> productTags() {
            return tags.stream().filter(t -> t.person() == 0).toList();
        }

        /** The people of a photo of people, left to right. */
        public List<Person> people() {
            Map<Integer, List<ItemTag>> byPerson = new LinkedHashMap<>();
            tags.stream().filter(t -> t.person() > 0).forEach(t -> byPerson.computeIfAbsent(t.person(), k -> new ArrayList<>()).add(t));
            return byPerson.entrySet().stream().map(e -> new Person(e.getKey(), e.getValue())).toList();
        }

        /** Worn classes, in order, once each: a card's title. */
        public String title() {
            return String.join(", ", tags.stream().filter(ItemTag::worn).map(ItemTag::label).distinct().toList());
        }
    }

    /** Optional class and colour; both given, one tag must have both (a blue shirt, not a shirt beside blue jeans). */
    public record Filter(String label, String colour) {
        public static final Filter NONE = new Filter(null, null);

        public Filter {
            label = blank(label) ? null : label.strip();
            colour = blank(colour) ? null : colour.strip();
        }

        String where() {
            String tag = (label == null ? "" : " AND f.verified_label = :label") + (colour == null ? "" : " AND f.colour = :colour");
            return VERIFIED + (tag.isEmpty() ? "" : " AND EXISTS (SELECT 1 FROM tags f WHERE f.photo_id = p.id"
                    + " AND f.verified_label <> '" + Catalogue.NONE + "'" + tag + ")");
        }

        <T extends SqlStatement<T>> T bind(T statement) {
            if (label != null) {
                statement.bind("label", label);
            }
            if (colour != null) {
                statement.bind("colour", colour);
            }
            return statement;
        }
    }

    /** One page of items and where it stands among all pages (1-based). */
    public record Page(List<Item> items, int page, int pages, long total, Filter filter) {
        public boolean hasPrevious() {
            return page > 1;
        }

        public boolean hasNext() {
            return page < pages;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Tagged, with tags, none of them waiting for review: the same rule as {@link PhotoRecords#verified}. */
    private static final String VERIFIED = " WHERE p.status = 'tagged' AND EXISTS (SELECT 1 FROM tags t WHERE t.photo_id = p.id)"
            + " AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.photo_id = p.id AND t.verified_label IS NULL)";

    /** The items of one page (pages past the end give the last page), newest first. */
    public Page page(Filter filter, int page) {
        long total = jdbi.withHandle(h -> filter.bind(h.createQuery("SELECT COUNT(*) FROM photos p" + filter.where()))
                .mapTo(Long.class).one());
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int p = Math.max(1, Math.min(page, pages));
        List<Long> ids = jdbi.withHandle(h -> filter.bind(h.createQuery("SELECT p.id FROM photos p"
                        + filter.where() + " ORDER BY p.id DESC LIMIT :limit OFFSET :offset"))
                .bind("limit", PAGE_SIZE).bind("offset", (long) (p - 1) * PAGE_SIZE).mapTo(Long.class).list());
        List<Item> items = new ArrayList<>();
        for (long id : ids) {
            item(id).ifPresent(items::add);
        }
        return new Page(items, p, pages, total, filter);
    }

    /** A verified photo as an item, or empty when there is no such photo or it is not (yet) verified. */
    public Optional<Item> item(long photoId) {
        return jdbi.withHandle(h -> {
            Optional<Item> bare = h.createQuery("SELECT p.id, p.width, p.height, p.uploaded_at FROM photos p" + VERIFIED + " AND p.id = :id")
                    .bind("id", photoId)
                    .map((rs, ctx) -> new Item(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getObject(4, OffsetDateTime.class), List.of()))
                    .findOne();
            if (bare.isEmpty()) {
                return bare;
            }
            List<ItemTag> tags = h.createQuery("SELECT person, slot, verified_label, colour FROM tags WHERE photo_id = :id ORDER BY person, id")
                    .bind("id", photoId)
                    .map((rs, ctx) -> {
                        String label = rs.getString(3);
                        // The colour is the model's reading of the garment; a slot verified as not worn has none.
                        return new ItemTag(rs.getInt(1), rs.getString(2), label, NONE.equals(label) ? null : rs.getString(4));
                    }).list();
            Item b = bare.get();
            return Optional.of(new Item(b.id(), b.width(), b.height(), b.uploadedAt(), tags));
        });
    }

    /** The verified classes in the catalogue, for the class filter. */
    public List<String> labels() {
        return distinct("f.verified_label");
    }

    /** The colours of verified, worn garments in the catalogue, for the colour filter. */
    public List<String> colours() {
        return distinct("f.colour");
    }

    private List<String> distinct(String column) {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT " + column + " FROM tags f JOIN photos p ON p.id = f.photo_id"
                        + VERIFIED + " AND f.verified_label <> '" + NONE + "' AND " + column + " IS NOT NULL ORDER BY " + column)
                .mapTo(String.class).list());
    }
}
