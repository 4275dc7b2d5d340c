import { Link } from 'react-router-dom';
import { Badge, Card, Tag, Typography } from 'antd';
import type { WorkbenchItem, WorkbenchSection as Section } from '@zj/shared';
import { deadlineText, SEVERITY_COLOR, SEVERITY_LABEL } from './workbench-format';
import styles from './home.module.css';

/** One to-do: a link to the page where it is done, with its count and deadline. */
function TaskItem({ item }: { item: WorkbenchItem }) {
  const due = deadlineText(item);
  return (
    <li>
      <Link to={item.path} className={styles.item} data-testid={`home-item-${item.key}`} data-kind={item.kind}>
        <span className={styles.main}>
          <span className={styles.title}>{item.title}</span>
          {item.detail ? (
            <Typography.Text type="secondary" className={styles.detail}>
              {item.detail}
            </Typography.Text>
          ) : null}
        </span>
        <span className={styles.badges}>
          {item.count > 1 ? <Tag color="processing" data-testid="home-item-count">{item.count} 项</Tag> : null}
          {due ? (
            <Tag color={item.overdue ? 'red' : SEVERITY_COLOR[item.severity]} title={item.deadline ? `截止 ${item.deadline}` : undefined} data-testid="home-item-deadline">
              {due}
            </Tag>
          ) : item.severity !== 'info' ? (
            <Tag color={SEVERITY_COLOR[item.severity]}>{SEVERITY_LABEL[item.severity]}</Tag>
          ) : null}
        </span>
      </Link>
    </li>
  );
}

/** A figure (the bureau's day, the regulator's tasks): the number, and a link to the rows behind it. */
function FigureItem({ item }: { item: WorkbenchItem }) {
  const value = item.value ?? String(item.count);
  return (
    <Link to={item.path} className={styles.figure} data-testid={`home-item-${item.key}`} data-kind={item.kind}>
      <Typography.Text type="secondary" className={styles.detail}>
        {item.title}
      </Typography.Text>
      <div className={styles.figureValue} style={{ color: item.severity === 'danger' && value !== '0' ? '#cf1322' : undefined }}>
        {value === '' ? '—' : value}
        {item.unit ? <span className={styles.figureUnit}>{item.unit}</span> : null}
      </div>
      {item.detail ? (
        <Typography.Text type="secondary" className={styles.detail}>
          {item.detail}
        </Typography.Text>
      ) : null}
    </Link>
  );
}

/** A section of the queue: a list of to-dos, or a row of figures. */
export function WorkbenchSectionCard({ section }: { section: Section }) {
  const todo = section.items.reduce((n, i) => n + i.count, 0);
  const late = section.items.filter((i) => i.overdue).length;
  return (
    <Card
      size="small"
      className={styles.section}
      data-testid={`home-section-${section.key}`}
      title={
        <span>
          {section.title}
          {section.layout === 'tasks' ? <Badge count={todo} overflowCount={999} style={{ marginInlineStart: 8 }} color={late ? '#cf1322' : '#3a9d5d'} /> : null}
        </span>
      }
      extra={late ? <Tag color="red">{late} 项已超时</Tag> : null}
    >
      {section.layout === 'figures' ? (
        <div className={styles.figures}>
          {section.items.map((i) => (
            <FigureItem key={i.key} item={i} />
          ))}
        </div>
      ) : (
        <ul className={styles.list} aria-label={section.title}>
          {section.items.map((i) => (
            <TaskItem key={i.key} item={i} />
          ))}
        </ul>
      )}
    </Card>
  );
}
