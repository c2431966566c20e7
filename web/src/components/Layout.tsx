import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { NavLink, useLocation, useNavigate } from 'react-router-dom';
import { useSession } from '../session';
import { ErrorAlert } from './ErrorAlert';

/** The page frame: a skip link, the main navigation (wraps at phone width) and the content. */
export function Layout({ children }: { children: ReactNode }) {
  const { viewer, signOut } = useSession();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);
  const teaches = viewer?.role === 'INSTRUCTOR' || viewer?.role === 'ADMIN';
  useFocusOnNavigation();

  const logOut = async () => {
    setFailure(null);
    try {
      await signOut();
      await navigate('/');
    } catch (error) {
      setFailure((error as Error).message);
    }
  };

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <NavLink to="/" className="brand" aria-label="SkillGraph home">
          SkillGraph
        </NavLink>
        <nav aria-label="Main">
          <ul>
            <li>
              <NavLink to="/" end>
                Catalogue
              </NavLink>
            </li>
            <li>
              <NavLink to="/learning">My learning</NavLink>
            </li>
            <li>
              <NavLink to="/certificates">Certificates</NavLink>
            </li>
            {teaches && (
              <li>
                <NavLink to="/teach">Teach</NavLink>
              </li>
            )}
            {viewer ? (
              <li className="account">
                <span className="who">{viewer.name}</span>
                <button type="button" onClick={() => void logOut()}>
                  Log out
                </button>
              </li>
            ) : (
              <>
                <li className="account">
                  <NavLink to="/login">Log in</NavLink>
                </li>
                <li>
                  <NavLink to="/signup">Sign up</NavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorAlert message={failure} />
        {children}
      </main>
    </>
  );
}

/**
 * After moving to another page, keyboard and screen-reader users start at its content (as after a
 * full page load) rather than on the link they used, which may not exist any more.
 */
function useFocusOnNavigation(): void {
  const { pathname } = useLocation();
  const first = useRef(true);
  // A layout effect: the focus moves in the same commit as the new page, before anyone can type into it.
  useLayoutEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: false });
  }, [pathname]);
}
