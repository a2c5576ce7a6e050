import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { HighlightEntity } from '../highlights/highlight.entity';
import { ProjectEntity } from '../projects/project.entity';

/**
 * A theme board of a project: evidence (highlight cards and sticky notes) sorted into themes.
 * `version` grows with every change of the board, its themes or its cards.
 */
@Entity('board')
export class BoardEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Index('IDX_board_project')
  @Column({ type: 'uuid' })
  projectId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt!: Date;
}

/**
 * A theme (a group of cards) on a board. `position` is a fractional index (compared byte-wise,
 * collation "C"): moving a theme rewrites its own position only.
 */
@Entity('board_theme')
@Index('UQ_board_theme_position', ['boardId', 'position'], { unique: true })
export class BoardThemeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => BoardEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'board_id' })
  board?: BoardEntity;

  @Column({ type: 'uuid' })
  boardId!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'varchar', length: 7 })
  color!: string;

  @Column({ type: 'varchar', length: 100, collation: 'C' })
  position!: string;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt!: Date;
}

/**
 * A card on a board: a highlight (at most once per board) or a sticky note (`text`, no
 * highlight). `themeId` null is the board's unsorted column. Positions are fractional indexes
 * within the card's column.
 */
@Entity('board_card')
@Check('CHK_board_card_content', `"highlight_id" IS NOT NULL OR "text" IS NOT NULL`)
@Index('UQ_board_card_highlight', ['boardId', 'highlightId'], { unique: true })
@Index('IDX_board_card_column', ['boardId', 'themeId', 'position'])
@Index('IDX_board_card_highlight', ['highlightId'])
export class BoardCardEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => BoardEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'board_id' })
  board?: BoardEntity;

  @Column({ type: 'uuid' })
  boardId!: string;

  @ManyToOne(() => BoardThemeEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'theme_id' })
  theme?: BoardThemeEntity;

  @Column({ type: 'uuid', nullable: true })
  themeId!: string | null;

  @ManyToOne(() => HighlightEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'highlight_id' })
  highlight?: HighlightEntity;

  @Column({ type: 'uuid', nullable: true })
  highlightId!: string | null;

  /** A sticky note's text; null on a highlight card. */
  @Column({ type: 'text', nullable: true })
  text!: string | null;

  @Column({ type: 'varchar', length: 100, collation: 'C' })
  position!: string;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt!: Date;
}
