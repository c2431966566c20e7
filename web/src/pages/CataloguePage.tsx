import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { ErrorAlert } from '../components/ErrorAlert';
import { graphql } from '../gql';

const PAGE_SIZE = 12;
/** Typing pauses this long before the catalogue is searched again. */
const SEARCH_DELAY_MS = 300;

const CatalogueQuery = graphql(`
  query Catalogue($first: Int!, $after: String, $filter: CourseFilter) {
    courses(first: $first, after: $after, filter: $filter) {
      totalCount
      edges {
        node {
          id
          title
          description
          instructor {
            id
            name
          }
          lessons {
            id
          }
          coverImage {
            id
            thumbnailUrl(size: 480) {
              url
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The published courses, searched by title (`?q=`) and read a cursor page at a time. */
export function CataloguePage() {
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const [typed, setTyped] = useState(search);
  // Each "Load more" adds the cursor of the next page; a new search starts from the first page again.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);

  useEffect(() => setCursors([null]), [search]);
  useEffect(() => {
    if (typed.trim() === search) return undefined;
    const timer = setTimeout(() => setParams(typed.trim() ? { q: typed.trim() } : {}, { replace: true }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed, search, setParams]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams(typed.trim() ? { q: typed.trim() } : {}, { replace: true });
  };

  return (
    <section>
      <h1>Catalogue</h1>
      <form role="search" onSubmit={submit} className="search">
        <label htmlFor="course-search">Search courses</label>
        <input id="course-search" type="search" value={typed} maxLength={100} onChange={(event) => setTyped(event.target.value)} />
      </form>
      <ul className="course-grid" aria-label="Courses">
        {cursors.map((after, index) => (
          <CataloguePageOfCourses
            key={`${search}:${after ?? 'first'}`}
            search={search}
            after={after}
            last={index === cursors.length - 1}
            onMore={(cursor) => setCursors((previous) => [...previous, cursor])}
          />
        ))}
      </ul>
    </section>
  );
}

function CataloguePageOfCourses(props: { search: string; after: string | null; last: boolean; onMore: (cursor: string) => void }) {
  const filter = props.search ? { published: true, titleContains: props.search } : { published: true };
  const [{ data, fetching, error }] = useQuery({ query: CatalogueQuery, variables: { first: PAGE_SIZE, after: props.after, filter } });
  // A page added by "Load more" takes the focus to its first course: the button the focus was on is gone.
  const firstLink = useRef<HTMLAnchorElement>(null);
  const loaded = data !== undefined;
  useEffect(() => {
    if (loaded && props.after !== null) firstLink.current?.focus();
  }, [loaded, props.after]);
  if (error)
    return (
      <li className="wide">
        <ErrorAlert error={error} />
      </li>
    );
  if (fetching || !data)
    return props.last ? (
      <li className="wide" role="status">
        Loading courses…
      </li>
    ) : null;
  const { edges, pageInfo, totalCount } = data.courses;
  return (
    <>
      {edges.map(({ node }, index) => (
        <li key={node.id} className="card">
          {node.coverImage?.thumbnailUrl ? (
            <img src={node.coverImage.thumbnailUrl.url} alt="" loading="lazy" />
          ) : (
            <div className="cover-placeholder" aria-hidden="true" />
          )}
          <h2>
            <Link to={`/courses/${node.id}`} ref={index === 0 ? firstLink : undefined}>
              {node.title}
            </Link>
          </h2>
          <p className="meta">
            {node.instructor.name} · {node.lessons.length} {node.lessons.length === 1 ? 'lesson' : 'lessons'}
          </p>
          {node.description && <p>{node.description}</p>}
        </li>
      ))}
      {props.last && props.after === null && totalCount === 0 && <li className="wide">No courses match.</li>}
      {props.last && pageInfo.hasNextPage && pageInfo.endCursor && (
        <li className="wide">
          <button type="button" onClick={() => props.onMore(pageInfo.endCursor!)}>
            Load more
          </button>
        </li>
      )}
    </>
  );
}
