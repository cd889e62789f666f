import { NavLink } from 'react-router';
import { NAV_GROUPS } from './navAreas';

export function SideNav() {
  return (
    <nav className="side-nav" aria-label="Areas">
      {NAV_GROUPS.map((group) => (
        <div key={group.title} className="nav-group">
          <div className="nav-group-title">{group.title}</div>
          <ul>
            {group.areas.map((area) => (
              <li key={area.path}>
                <NavLink
                  to={area.path}
                  className={({ isActive }) => `nav-link${isActive ? ' active' : ''}${area.built ? '' : ' unbuilt'}`}
                  title={area.built ? undefined : 'Not built yet'}
                >
                  <span>{area.label}</span>
                  {!area.built && <span className="nav-tag">later</span>}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
