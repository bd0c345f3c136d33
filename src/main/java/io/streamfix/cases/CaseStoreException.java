package io.streamfix.cases;

/**
 * The case store cannot do what was asked; the message says why in words a user can act on. Its
 * subclasses tell apart what callers answer differently (a service: 503, 404, 409).
 */
public class CaseStoreException extends RuntimeException {
    public CaseStoreException(String message) {
        super(message);
    }

    public CaseStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The database cannot be reached or fails: try again later. Nothing was kept. */
    public static final class Unavailable extends CaseStoreException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The database's schema is newer than this program knows: it is refused, never changed. */
    public static final class SchemaTooNew extends CaseStoreException {
        public SchemaTooNew(String message) {
            super(message);
        }
    }

    /** No case has this id (it never existed, or it was deleted). */
    public static final class NoSuchCase extends CaseStoreException {
        public NoSuchCase(String id) {
            super("no case has the id " + id);
        }
    }

    /** The step cannot be recorded on the case as it is (nothing to undo, too many steps). */
    public static final class Refused extends CaseStoreException {
        public Refused(String message) {
            super(message);
        }
    }
}
